// EventSource cannot POST, so the server-sent events of POST /api/chat are parsed from fetch's body.
export type SseHandler = (name: string, data: string) => void;

function lineReader(onEvent: SseHandler): (line: string) => void {
  let name = 'message';
  let data: string[] = [];
  return (raw) => {
    const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (l === '') {
      if (data.length) onEvent(name, data.join('\n'));
      name = 'message';
      data = [];
      return;
    }
    if (l.startsWith(':')) return;
    const i = l.indexOf(':');
    const field = i < 0 ? l : l.slice(0, i);
    let value = i < 0 ? '' : l.slice(i + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  };
}

export async function readSse(body: ReadableStream<Uint8Array>, onEvent: SseHandler): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const line = lineReader(onEvent);
  let buf = '';
  for (;;) {
    const r = await reader.read();
    if (r.done) break;
    buf += decoder.decode(r.value, { stream: true });
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    lines.forEach(line);
  }
  buf += decoder.decode();
  if (buf) buf.split('\n').forEach(line);
  line('');
}
