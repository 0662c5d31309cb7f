// `npm run bench -- NAME`: runs bench/NAME.ts, which prints its own figures.
const name = process.argv[2];
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error('usage: npm run bench -- <name>   (a file bench/<name>.ts)');
  process.exit(2);
}
await import(`./${name}.ts`);
