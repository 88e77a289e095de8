package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/opentop/topgen/spec"
)

const testingPath = "testing"

// emitFixture writes the API's test file: the doc's examples decoded and
// encoded, compared with literals computed by fixture.go.
func emitFixture(p *Package, a *API, blank []string) ([]byte, error) {
	f := jen.NewFilePathName(p.ImportPath, p.Name)
	for _, imp := range blank {
		f.Anon(imp)
	}
	f.HeaderComment(Header)
	f.ImportName(RuntimePath, "top")
	f.ImportName("github.com/google/go-cmp/cmp", "cmp")
	ex := a.Spec.Examples
	t := func() *jen.Statement { return jen.Id("t").Op("*").Qual(testingPath, "T") }
	names := a.testNames()

	if ex.ResponseXML != "" {
		want := names[5]
		root, err := spec.ParseSampleXML(ex.ResponseXML)
		var lit jen.Code
		if err == nil {
			lit, err = sampleLiteral(a, root)
		}
		if err != nil {
			// The doc's example does not fit its own field table: say so
			// in a skipped test rather than assert something invented.
			f.Func().Id(names[0]).Params(t()).Block(
				jen.Id("t").Dot("Skip").Call(jen.Lit("the doc's XML response example does not fit the spec: " + plainText(err.Error()))))
		} else {
			addDecl(f, comment(want+" is the doc's response example as Go values, computed by the generator from the example text."),
				jen.Func().Id(want).Params().Op("*").Id(a.Response).Block(jen.Return(lit)))
			decodeTest(f, a, names[0], "top.XML", jen.Qual(RuntimePath, "XML"), ex.ResponseXML, want)
			if js, err := a.Spec.SampleJSON(false); err == nil {
				decodeTest(f, a, names[1], "top.JSON", jen.Qual(RuntimePath, "JSON"), js, want)
			}
			if js, err := a.Spec.SampleJSON(true); err == nil {
				decodeTest(f, a, names[2], "top.JSON", jen.Qual(RuntimePath, "JSON"), js, want)
			}
		}
	}

	if ex.ErrorXML != "" {
		e, err := parseErrorSample(ex.ErrorXML)
		if err != nil {
			f.Func().Id(names[3]).Params(t()).Block(
				jen.Id("t").Dot("Skip").Call(jen.Lit("the doc's error example is not a TOP error_response: " + plainText(err.Error()))))
		} else {
			bodies := []jen.Code{jen.Line().Add(stringLit(ex.ErrorXML))}
			if js, err := spec.ErrorSampleJSON(ex.ErrorXML); err == nil {
				bodies = append(bodies, jen.Line().Add(stringLit(js)))
			}
			bodies = append(bodies, jen.Line())
			wantErr := jen.Qual(RuntimePath, "Error").Values(
				jen.Line().Id("Code").Op(":").Lit(int(e.Code)),
				jen.Line().Id("Msg").Op(":").Lit(e.Msg),
				jen.Line().Id("SubCode").Op(":").Lit(e.SubCode),
				jen.Line().Id("SubMsg").Op(":").Lit(e.SubMsg),
				jen.Line())
			addDecl(f, comment(names[3]+" decodes the doc's error example (XML and its JSON form) to a *top.Error."),
				jen.Func().Id(names[3]).Params(t()).Block(
					jen.Id("want").Op(":=").Add(wantErr),
					jen.For(jen.List(jen.Id("_"), jen.Id("body")).Op(":=").Range().Index().String().Values(bodies...)).Block(
						jen.Var().Id("got").Id(a.Response),
						jen.Id("err").Op(":=").Qual(RuntimePath, "DecodeResponse").Call(
							jen.Index().Byte().Parens(jen.Id("body")), jen.Qual(RuntimePath, "XML"), jen.Lit(a.Method), jen.Op("&").Id("got")),
						jen.Var().Id("te").Op("*").Qual(RuntimePath, "Error"),
						jen.If(jen.Op("!").Qual("errors", "As").Call(jen.Id("err"), jen.Op("&").Id("te"))).Block(
							jen.Id("t").Dot("Fatalf").Call(jen.Lit("got %v, want a *top.Error"), jen.Id("err"))),
						jen.If(jen.Id("diff").Op(":=").Qual("github.com/google/go-cmp/cmp", "Diff").Call(jen.Id("want"), jen.Op("*").Id("te")),
							jen.Id("diff").Op("!=").Lit("")).Block(
							jen.Id("t").Dot("Errorf").Call(jen.Lit("error (-want +got):\n%s"), jen.Id("diff"))),
					),
				))
		}
	}

	emitRequestTest(f, a, names[4])
	return render(f)
}

// decodeTest emits a test decoding body and comparing with want().
func decodeTest(f *jen.File, a *API, name, formatName string, format jen.Code, body, want string) {
	addDecl(f, comment(name+" decodes the doc's response example ("+formatName+") and compares every value with the literal."),
		jen.Func().Id(name).Params(jen.Id("t").Op("*").Qual(testingPath, "T")).Block(
			jen.Id("body").Op(":=").Add(stringLit(body)),
			jen.Var().Id("got").Id(a.Response),
			jen.If(jen.Id("err").Op(":=").Qual(RuntimePath, "DecodeResponse").Call(
				jen.Index().Byte().Parens(jen.Id("body")), format, jen.Lit(a.Method), jen.Op("&").Id("got")),
				jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Id("err"))),
			jen.If(jen.Id("diff").Op(":=").Qual("github.com/google/go-cmp/cmp", "Diff").Call(jen.Id(want).Call(), jen.Op("&").Id("got")),
				jen.Id("diff").Op("!=").Lit("")).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("response (-want +got):\n%s"), jen.Id("diff"))),
		))
}

// emitRequestTest emits the test building a request from the examples.
func emitRequestTest(f *jen.File, a *API, name string) {
	rs := buildRequestSample(a)
	build := []jen.Code{jen.Id("req").Op(":=").Id("New" + a.Request).Call()}
	for _, s := range rs.Setters {
		build = append(build, jen.Id("req").Add(s))
	}
	var form []jen.Code
	for _, kv := range rs.Form {
		form = append(form, jen.Line().Lit(kv[0]).Op(":").Add(stringLit(kv[1])))
	}
	if len(form) > 0 {
		form = append(form, jen.Line())
	}
	var validate jen.Code
	if len(rs.Problems) == 0 {
		validate = jen.If(jen.Id("err").Op(":=").Id("req").Dot("Validate").Call(), jen.Id("err").Op("!=").Nil()).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("Validate: %v"), jen.Id("err")))
	} else {
		var probs []jen.Code
		for _, p := range rs.Problems {
			probs = append(probs, jen.Line().Lit(p))
		}
		probs = append(probs, jen.Line())
		validate = jen.Block(
			jen.Comment("The doc's examples leave these parameters unset or out of limits."),
			jen.Id("err").Op(":=").Id("req").Dot("Validate").Call(),
			jen.For(jen.List(jen.Id("_"), jen.Id("p")).Op(":=").Range().Index().String().Values(probs...)).Block(
				jen.If(jen.Id("err").Op("==").Nil().Op("||").Op("!").Qual("strings", "Contains").Call(jen.Id("err").Dot("Error").Call(), jen.Id("p"))).Block(
					jen.Id("t").Dot("Errorf").Call(jen.Lit("Validate: got %v, want a problem %q"), jen.Id("err"), jen.Id("p")))),
		)
	}
	addDecl(f, comment(name+" builds the request from the doc's example values, validates it and checks the form values Params encodes."),
		jen.Func().Id(name).Params(jen.Id("t").Op("*").Qual(testingPath, "T")).Block(append(build,
			validate,
			jen.List(jen.Id("p"), jen.Id("err")).Op(":=").Id("req").Dot("Params").Call(),
			jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Id("err"))),
			jen.Id("got").Op(":=").Map(jen.String()).String().Values(),
			jen.For(jen.List(jen.Id("_"), jen.Id("name")).Op(":=").Range().Id("p").Dot("Names").Call()).Block(
				jen.List(jen.Id("got").Index(jen.Id("name")), jen.Id("_")).Op("=").Id("p").Dot("Get").Call(jen.Id("name"))),
			jen.Id("want").Op(":=").Map(jen.String()).String().Values(form...),
			jen.If(jen.Id("diff").Op(":=").Qual("github.com/google/go-cmp/cmp", "Diff").Call(jen.Id("want"), jen.Id("got")),
				jen.Id("diff").Op("!=").Lit("")).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("form values (-want +got):\n%s"), jen.Id("diff"))),
			jen.If(jen.Id("req").Dot("APIMethod").Call().Op("!=").Lit(a.Method)).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("APIMethod = %q"), jen.Id("req").Dot("APIMethod").Call())),
		)...))
}
