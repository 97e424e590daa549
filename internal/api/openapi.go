package api

import _ "embed"

// openAPIDoc is the OpenAPI 3.1 description of the JSON API, written by
// hand; a test checks that it lists every route.
//
//go:embed openapi.json
var openAPIDoc []byte
