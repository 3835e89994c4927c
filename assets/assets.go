// Package assets embeds what ships inside the binary: the app icon and the
// demo notebook (sample pieces written for Commonplace, and demo.yaml saying
// what to mark, claim and link in them).
package assets

import (
	"embed"
	"io/fs"
)

// Icon is the application icon (512×512 PNG).
//
//go:embed icon.png
var Icon []byte

//go:embed demo/demo.yaml demo/pieces/*.md
var demo embed.FS

// Demo is the demo notebook: demo.yaml and pieces/*.md at its root.
func Demo() fs.FS {
	sub, err := fs.Sub(demo, "demo")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}
