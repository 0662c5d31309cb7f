// Command envsubst-oracle runs Flux's envsubst (github.com/fluxcd/pkg/envsubst) on test cases read as
// a JSON array from stdin and writes one JSON result per case, for tsflux's differential tests.
package main

import (
	"encoding/json"
	"os"

	"github.com/fluxcd/pkg/envsubst"
)

type testCase struct {
	Text   string            `json:"text"`
	Vars   map[string]string `json:"vars"`
	Strict bool              `json:"strict"`
}

type result struct {
	Out string `json:"out"`
	Err string `json:"err,omitempty"`
}

func main() {
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		panic(err)
	}
	results := make([]result, 0, len(cases))
	for _, c := range cases {
		mapping := func(name string) (string, bool) {
			v, ok := c.Vars[name]
			return v, ok || !c.Strict
		}
		out, err := envsubst.Eval(c.Text, mapping)
		r := result{Out: out}
		if err != nil {
			r.Err = err.Error()
		}
		results = append(results, r)
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		panic(err)
	}
}
