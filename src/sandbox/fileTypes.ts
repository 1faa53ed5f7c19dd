// What Slack makes of a file's name: its `filetype` (Slack's short type id), `pretty_type` (what clients show) and
// `mimetype`, as in https://docs.slack.dev/reference/objects/file-object. The sandbox knows the types people share
// as evidence; anything else is Slack's generic "binary". Pure.

export interface FileKind {
  filetype: string;
  pretty_type: string;
  mimetype: string;
}

const BY_EXTENSION: Record<string, FileKind> = {
  txt: { filetype: 'text', pretty_type: 'Plain Text', mimetype: 'text/plain' },
  log: { filetype: 'text', pretty_type: 'Plain Text', mimetype: 'text/plain' },
  md: { filetype: 'markdown', pretty_type: 'Markdown (raw)', mimetype: 'text/plain' },
  csv: { filetype: 'csv', pretty_type: 'CSV', mimetype: 'text/csv' },
  tsv: { filetype: 'tsv', pretty_type: 'TSV', mimetype: 'text/tab-separated-values' },
  json: { filetype: 'json', pretty_type: 'JSON', mimetype: 'application/json' },
  yaml: { filetype: 'yaml', pretty_type: 'YAML', mimetype: 'application/yaml' },
  yml: { filetype: 'yaml', pretty_type: 'YAML', mimetype: 'application/yaml' },
  xml: { filetype: 'xml', pretty_type: 'XML', mimetype: 'application/xml' },
  html: { filetype: 'html', pretty_type: 'HTML', mimetype: 'text/html' },
  htm: { filetype: 'html', pretty_type: 'HTML', mimetype: 'text/html' },
  pdf: { filetype: 'pdf', pretty_type: 'PDF', mimetype: 'application/pdf' },
  png: { filetype: 'png', pretty_type: 'PNG', mimetype: 'image/png' },
  jpg: { filetype: 'jpg', pretty_type: 'JPEG', mimetype: 'image/jpeg' },
  jpeg: { filetype: 'jpg', pretty_type: 'JPEG', mimetype: 'image/jpeg' },
  gif: { filetype: 'gif', pretty_type: 'GIF', mimetype: 'image/gif' },
  svg: { filetype: 'svg', pretty_type: 'SVG', mimetype: 'image/svg+xml' },
  doc: { filetype: 'doc', pretty_type: 'Word Document', mimetype: 'application/msword' },
  docx: { filetype: 'docx', pretty_type: 'Word Document', mimetype: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xls: { filetype: 'xls', pretty_type: 'Excel Spreadsheet', mimetype: 'application/vnd.ms-excel' },
  xlsx: { filetype: 'xlsx', pretty_type: 'Excel Spreadsheet', mimetype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  ppt: { filetype: 'ppt', pretty_type: 'PowerPoint Presentation', mimetype: 'application/vnd.ms-powerpoint' },
  pptx: { filetype: 'pptx', pretty_type: 'PowerPoint Presentation', mimetype: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  zip: { filetype: 'zip', pretty_type: 'Zip', mimetype: 'application/zip' },
  gz: { filetype: 'gzip', pretty_type: 'GZip', mimetype: 'application/gzip' },
  tar: { filetype: 'tar', pretty_type: 'Tarball', mimetype: 'application/x-tar' },
};

const BINARY: FileKind = { filetype: 'binary', pretty_type: 'Binary', mimetype: 'application/octet-stream' };

/**
 * The kind of a file by its name. `declaredType` is the MIME type the sender gave (a browser's File.type), used for
 * a name Slack's table does not know, as Slack keeps the uploader's type then.
 */
export function fileKind(name: string, declaredType?: string): FileKind {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  const known = ext === undefined ? undefined : BY_EXTENSION[ext];
  if (known) return known;
  const declared = declaredType?.trim().toLowerCase();
  return declared && /^[a-z]+\/[a-z0-9.+-]+$/.test(declared) ? { ...BINARY, mimetype: declared } : BINARY;
}

/** A file's size as a person reads it: 812 B, 4.2 kB, 3.1 MB (decimal units, as Slack's clients show them). */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
