import { Readable } from "node:stream";
import type { Connection, Submittable } from "pg";

const CHUNK = 64 * 1024;
const LF = 0x0a;
const CR = 0x0d;
// PostgreSQL's message codes while a COPY runs: its rows come as CopyData ('d') between CopyOutResponse ('H')
// and CopyDone ('c'), with parameter changes, notices and notifications possibly in between.
const COPY_DATA = 0x64;
const ERROR = 0x45;
const BETWEEN_ROWS = new Set([0x48, COPY_DATA, 0x53, 0x4e, 0x41]);

/**
 * :TRICKY: a chunk read off the socket is freed at once (its ArrayBuffer detached) rather than at the next
 * garbage collection: with little garbage per chunk, V8 collects dead buffers only after some 64 MB of them,
 * and until then they are the server's memory. Only a Buffer that spans its whole ArrayBuffer (not a slice of
 * a pool or of another chunk) is freed.
 */
function free(chunk: Buffer) {
  const memory = chunk.buffer;
  if (chunk.byteOffset !== 0 || chunk.byteLength !== memory.byteLength || !(memory instanceof ArrayBuffer)) return;
  (memory as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer }).transfer?.(0);
}

/**
 * `COPY … TO STDOUT (FORMAT csv)` read straight off the connection's socket as CSV with CRLF line ends,
 * in 64 kB chunks that start with `head` (BOM and header).
 *
 * :TRICKY: PostgreSQL sends each row of a COPY as a CopyData message of its own ("always one per row",
 * protocol-flow.html), ending with the LF that ends the record; a LF inside a quoted text is never a
 * message's last byte. So the rows are copied from the socket's chunks into the output chunk with that
 * last LF turned into CRLF: no search for quotes, and no slice, concatenation or Buffer per row (what
 * pg-copy-streams, whose protocol handling this follows, does), which would leave a million-row export
 * a million short-lived objects for the garbage collector. A chunk never ends between CR and LF.
 * Backpressure stops reading the socket, which stops PostgreSQL.
 */
export class CopyCsvOut extends Readable implements Submittable {
  private socket: Connection["stream"] | null = null;
  private pgOnData: ((chunk: Buffer) => void) | null = null;
  private readonly header = Buffer.alloc(5);
  private headerSize = 0;
  private bodyLeft = 0;
  private out = Buffer.allocUnsafeSlow(CHUNK);
  private size = 0;
  private wanted = false;
  private reading = false;
  private more = true;

  constructor(
    private readonly text: string,
    head: Buffer,
  ) {
    super({ highWaterMark: CHUNK });
    this.copy(head, 0, head.length);
  }

  submit(connection: Connection): void {
    const socket = connection.stream;
    const [pgOnData] = socket.listeners("data") as ((chunk: Buffer) => void)[];
    this.socket = socket;
    this.pgOnData = pgOnData!;
    socket.removeListener("data", this.pgOnData);
    socket.pause();
    socket.on("readable", this.forward);
    connection.query(this.text);
  }

  override _read(): void {
    this.wanted = true;
    this.forward();
  }

  // Called by pg: an error from PostgreSQL (handed back to pg's parser below) or from the connection.
  handleError(error: Error): void {
    this.destroy(error);
  }
  handleCommandComplete(): void {}
  handleReadyForQuery(): void {}

  private forward = () => {
    if (this.reading || !this.wanted || !this.socket) return;
    this.reading = true;
    let chunk: Buffer | null;
    while (this.wanted && this.socket && (chunk = this.socket.read() as Buffer | null) !== null) {
      this.more = true;
      this.parse(chunk);
      // Unless part of it went back to pg (the end of the COPY), the chunk is copied and no one else's.
      if (this.socket) free(chunk);
      this.wanted = this.more;
    }
    this.reading = false;
  };

  private parse(chunk: Buffer) {
    let i = 0;
    while (i < chunk.length) {
      if (this.bodyLeft === 0) {
        if (this.headerSize === 0 && chunk[i] === ERROR) return this.detach(chunk.subarray(i));
        this.header[this.headerSize++] = chunk[i++]!;
        if (this.headerSize < 5) continue;
        this.bodyLeft = this.header.readUInt32BE(1) - 4;
      }
      const end = Math.min(chunk.length, i + this.bodyLeft);
      if (this.header[0] === COPY_DATA) {
        // The last byte of a row's message is the LF that ends the record.
        if (end - i === this.bodyLeft && chunk[end - 1] === LF) {
          this.copy(chunk, i, end - 1);
          this.crlf();
        } else this.copy(chunk, i, end);
      }
      this.bodyLeft -= end - i;
      i = end;
      if (this.bodyLeft > 0) continue;
      this.headerSize = 0;
      if (!BETWEEN_ROWS.has(this.header[0]!)) {
        // CopyDone: the rest (CommandComplete, ReadyForQuery) is pg's again.
        this.detach(chunk.subarray(i));
        this.pushOut();
        this.push(null);
        return;
      }
    }
  }

  private copy(source: Buffer, start: number, end: number) {
    while (start < end) {
      const n = source.copy(this.out, this.size, start, end);
      this.size += n;
      start += n;
      if (this.size === CHUNK) this.pushOut();
    }
  }

  private crlf() {
    if (this.size > CHUNK - 2) this.pushOut();
    this.out[this.size++] = CR;
    this.out[this.size++] = LF;
    if (this.size === CHUNK) this.pushOut();
  }

  private pushOut() {
    if (this.size === 0) return;
    if (!this.push(this.size === CHUNK ? this.out : this.out.subarray(0, this.size))) this.more = false;
    this.out = Buffer.allocUnsafeSlow(CHUNK);
    this.size = 0;
  }

  private detach(rest: Buffer) {
    const socket = this.socket!;
    this.socket = null;
    socket.removeListener("readable", this.forward);
    socket.on("data", this.pgOnData!);
    this.pgOnData!(rest);
    // pg's own reading may have paused the socket: resume once its handler has returned.
    process.nextTick(() => socket.resume());
  }
}
