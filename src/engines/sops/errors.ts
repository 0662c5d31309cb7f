export class SopsError extends Error {}
