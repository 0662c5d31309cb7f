// Oracle for the semver engine's differential test: reads JSON cases on stdin, answers with what
// Masterminds/semver v3 (the library Flux and Helm use) says about each, error texts included.
package main

import (
	"encoding/json"
	"os"

	"github.com/Masterminds/semver/v3"
)

type testCase struct {
	Constraint string   `json:"constraint"`
	Versions   []string `json:"versions"`
}

type result struct {
	ConstraintError string  `json:"constraintError,omitempty"`
	Satisfies       []*bool `json:"satisfies"`
	// Only in the first result: every case has the same versions.
	VersionErrors []string `json:"versionErrors,omitempty"`
}

func main() {
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		panic(err)
	}
	out := make([]result, len(cases))
	for i, c := range cases {
		cons, err := semver.NewConstraint(c.Constraint)
		if err != nil {
			out[i].ConstraintError = err.Error()
		}
		out[i].Satisfies = make([]*bool, len(c.Versions))
		for j, v := range c.Versions {
			ver, verr := semver.NewVersion(v)
			if i == 0 {
				message := ""
				if verr != nil {
					message = verr.Error()
				}
				out[i].VersionErrors = append(out[i].VersionErrors, message)
			}
			if verr != nil || cons == nil {
				continue
			}
			ok := cons.Check(ver)
			out[i].Satisfies[j] = &ok
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
