// Command gotemplate-oracle renders Go text/template + Sprig cases for tsflux's differential tests.
// It reads a JSON array of cases on stdin and writes a JSON array of results on stdout, so one
// process serves a whole corpus.
package main

import (
	"bytes"
	"encoding/json"
	"os"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

type testCase struct {
	Name       string          `json:"name"`
	Template   string          `json:"template"`
	Data       json.RawMessage `json:"data"`
	MissingKey string          `json:"missingKey"`
}

type result struct {
	Output string `json:"output"`
	Error  string `json:"error,omitempty"`
	Phase  string `json:"phase,omitempty"`
}

func render(c testCase) result {
	funcs := sprig.TxtFuncMap()
	// Helm drops these two for security; keep the oracle aligned with what charts can call.
	delete(funcs, "env")
	delete(funcs, "expandenv")
	t := template.New(c.Name).Funcs(funcs)
	if c.MissingKey != "" {
		t = t.Option("missingkey=" + c.MissingKey)
	}
	if _, err := t.Parse(c.Template); err != nil {
		return result{Error: err.Error(), Phase: "parse"}
	}
	var data interface{}
	if len(c.Data) > 0 {
		if err := json.Unmarshal(c.Data, &data); err != nil {
			return result{Error: "bad data: " + err.Error(), Phase: "data"}
		}
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return result{Output: buf.String(), Error: err.Error(), Phase: "exec"}
	}
	return result{Output: buf.String()}
}

func main() {
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		os.Stderr.WriteString("gotemplate-oracle: reading cases: " + err.Error() + "\n")
		os.Exit(2)
	}
	results := make([]result, len(cases))
	for i, c := range cases {
		results[i] = render(c)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(results); err != nil {
		os.Exit(2)
	}
}
