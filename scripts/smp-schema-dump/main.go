// Prints the OpenAPI definitions kustomize (kyaml) compiles in, as swagger JSON, for scripts/generate-smp-schema.ts.

package main

import (
	"encoding/json"
	"os"

	"sigs.k8s.io/kustomize/kyaml/openapi"
)

func main() {
	s := openapi.Schema()
	out := map[string]interface{}{"swagger": "2.0", "definitions": s.Definitions}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
