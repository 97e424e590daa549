package config

import (
	"flag"
	"io"
	"testing"
)

// TestWebSubSettings checks the WebSub switches: on by default, turned off
// by flag or environment, and the local-callback override.
func TestWebSubSettings(t *testing.T) {
	tests := []struct {
		name            string
		env             map[string]string
		args            []string
		wantOn, wantLoc bool
	}{
		{"default", nil, nil, true, false},
		{"flag off", nil, []string{"--websub=false"}, false, false},
		{"env off", map[string]string{"NEWSDESK_WEBSUB": "false"}, nil, false, false},
		{"env off, flag on", map[string]string{"NEWSDESK_WEBSUB": "0"}, []string{"--websub"}, true, false},
		{"local", map[string]string{"NEWSDESK_WEBSUB_LOCAL": "true"}, nil, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			fs := flag.NewFlagSet("x", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			c.Register(fs, func(k string) string { return tt.env[k] })
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			if err := c.Validate(); err != nil {
				t.Fatal(err)
			}
			if c.WebSub != tt.wantOn || c.WebSubLocal != tt.wantLoc {
				t.Errorf("WebSub, WebSubLocal = %v, %v; want %v, %v", c.WebSub, c.WebSubLocal, tt.wantOn, tt.wantLoc)
			}
		})
	}
}
