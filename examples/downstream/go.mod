module example.com/shop

go 1.25.0

require github.com/opentop/topgen v0.0.0

require (
	github.com/PuerkitoBio/goquery v1.13.0 // indirect
	github.com/andybalholm/cascadia v1.3.4 // indirect
	github.com/dave/jennifer v1.7.1 // indirect
	golang.org/x/net v0.58.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	golang.org/x/term v0.45.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

tool github.com/opentop/topgen/cmd/topgen

// In a real repository this is a version; the example builds against the
// topgen next to it.
replace github.com/opentop/topgen => ../..
