export { PrinterEmulator } from './printer.js'
export { rasterToPng } from './png.js'
export { PrinterOptionsError, PrinterControlError } from './errors.js'
export { dleEotReply, asbBytes, type PrinterCondition } from './status.js'
export type {
  PrinterOptions,
  Raster,
  PrintedSegment,
  PrintedLine,
  PrintedQr,
  PrintedImage,
  PrintedBarcode,
  PrintWarning,
  FrameAccount,
  PaperState,
  FlowControl,
  CutType,
  Align,
  FontName,
} from './types.js'
