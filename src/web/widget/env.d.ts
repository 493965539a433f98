// The stylesheet is imported as text: the build (src/cli/widget-build.ts) minifies it with
// esbuild's CSS loader and inlines it as a string.
declare module '*.css' {
  const text: string;
  export default text;
}
