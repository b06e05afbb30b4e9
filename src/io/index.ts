/** File formats (browser-safe: parse from line sources, format as line generators). */
export { CSV_HEADER, csvEdgeLines, parseCsvEdges, type CsvOptions } from './csv.js';
export { arrayLines, coordinateLines, parseMatrixMarket, type ParsedMatrix } from './matrix-market.js';
export { FILE_FORMATS, formatOfPath, networkFromParsed, networkLines, readNetwork, type FileFormat } from './network-io.js';
export type { LineSource } from './text.js';
export { type ParsedRecording, parseRecording, RECORDING_MAGIC, type RecordingMeta, recordingLines } from './recording.js';
