// Whether builds follow remote kustomize bases (git repositories, http(s) files). Upstream's
// --no-remote-bases is one flag for the whole kustomize-controller and defaults to false, so remote
// bases are followed unless `tsflux controllers --no-remote-bases` turned them off for this process.
// A build can still say for itself through BuildInputs.remoteBases.
let followRemoteBases = true;

export function setRemoteBasesAllowed(allowed: boolean): void {
  followRemoteBases = allowed;
}

export function remoteBasesAllowed(): boolean {
  return followRemoteBases;
}
