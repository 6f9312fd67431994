/**
 * Type declarations for the parts of @serialport/binding-mock and @serialport/bindings-interface
 * the rig uses. Both packages ship types, but their package.json "exports" hide them from
 * TypeScript's NodeNext resolution; these ambient declarations stand in for them.
 */
declare module '@serialport/bindings-interface' {
  export interface OpenOptions {
    path: string
    baudRate: number
    dataBits?: 5 | 6 | 7 | 8
    lock?: boolean
    stopBits?: 1 | 1.5 | 2
    parity?: string
    rtscts?: boolean
    xon?: boolean
    xoff?: boolean
    xany?: boolean
    hupcl?: boolean
  }
  export interface SetOptions {
    brk?: boolean
    cts?: boolean
    dsr?: boolean
    dtr?: boolean
    rts?: boolean
  }
  export interface PortStatus {
    cts: boolean
    dsr: boolean
    dcd: boolean
  }
  export interface PortInfo {
    path: string
    manufacturer?: string
    serialNumber?: string
    pnpId?: string
    locationId?: string
    productId?: string
    vendorId?: string
  }
  export interface BindingPortInterface {
    readonly openOptions: Required<OpenOptions>
    isOpen: boolean
    close(): Promise<void>
    read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>
    write(buffer: Buffer): Promise<void>
    update(options: { baudRate: number }): Promise<void>
    set(options: SetOptions): Promise<void>
    get(): Promise<PortStatus>
    getBaudRate(): Promise<{ baudRate: number }>
    flush(): Promise<void>
    drain(): Promise<void>
  }
  export interface BindingInterface {
    list(): Promise<PortInfo[]>
    open(options: OpenOptions): Promise<BindingPortInterface>
  }
}

declare module '@serialport/binding-mock' {
  import type { BindingPortInterface, OpenOptions, PortInfo } from '@serialport/bindings-interface'
  export interface CreatePortOptions {
    echo?: boolean
    record?: boolean
    readyData?: Buffer
    maxReadSize?: number
    manufacturer?: string
    vendorId?: string
    productId?: string
  }
  export interface MockPortBinding extends BindingPortInterface {
    emitData(data: Buffer | string): void
    lastWrite: Buffer | null
    recording: Buffer
  }
  export const MockBinding: {
    reset(): void
    createPort(path: string, options?: CreatePortOptions): void
    list(): Promise<PortInfo[]>
    open(options: OpenOptions): Promise<MockPortBinding>
  }
  export class CanceledError extends Error {
    canceled: true
  }
}
