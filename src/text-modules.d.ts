// Wrangler bundles these as strings (wrangler.toml `[[rules]] type = "Text"`); only the Workers
// entry imports them.
declare module '*.md' {
  const text: string;
  export default text;
}
declare module '*.yaml' {
  const text: string;
  export default text;
}
