// Command gotemplate-oracle renders Go text/template + Sprig cases for tsflux's differential tests.
// It reads a JSON array of cases on stdin and writes a JSON array of results on stdout, so one
// process serves a whole corpus.
package main

import (
	"bytes"
	"encoding/json"
	"os"
	"sort"
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
	t := template.New(c.Name).Funcs(helmFuncs())
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

// helmFuncs is Sprig's TxtFuncMap as Helm uses it: without env and expandenv.
func helmFuncs() template.FuncMap {
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	return funcs
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "-funcs" {
		names := []string{}
		for name := range helmFuncs() {
			names = append(names, name)
		}
		sort.Strings(names)
		_ = json.NewEncoder(os.Stdout).Encode(names)
		return
	}
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
