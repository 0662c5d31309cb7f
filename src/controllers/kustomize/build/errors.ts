// Why a build failed, worded for the Kustomization's Ready condition (reason BuildFailed).
export class BuildError extends Error {}
