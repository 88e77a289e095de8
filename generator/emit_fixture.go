package generator

import (
	"strings"

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
	f.ImportName(toptestPath, "toptest")
	ex := a.Spec.Examples
	t := func() *jen.Statement { return jen.Id("t").Op("*").Qual(testingPath, "T") }
	names := a.testNames()

	// The request built from the doc's example values, shared by the
	// request test and the end-to-end test.
	rs := buildRequestSample(a)
	emitExampleRequest(f, a, rs, names[7], names[8])

	if ex.ResponseXML != "" {
		want := names[5]
		root, err := spec.ParseSampleXML(ex.ResponseXML)
		var lit jen.Code
		if err == nil {
			lit, err = sampleLiteral(a, root)
		}
		xmlName, jsonName, simplifyName := names[9], names[10], names[11]
		if err != nil {
			// The doc's example does not fit its own field table: say so
			// in a skipped test rather than assert something invented.
			f.Func().Id(names[0]).Params(t()).Block(
				jen.Id("t").Dot("Skip").Call(jen.Lit("the doc's XML response example does not fit the spec: " + plainText(err.Error()))))
			// The standard library must still fail the same way.
			if emitSamples(f, a, xmlName, jsonName, simplifyName) == nil {
				emitUnmarshalTest(f, a, names[13], xmlName, jsonName, simplifyName)
			}
		} else {
			addDecl(f, comment(want+" is the doc's response example as Go values, computed by the generator from the example text."),
				jen.Func().Id(want).Params().Op("*").Id(a.Response).Block(jen.Return(lit)))
			if err := emitSamples(f, a, xmlName, jsonName, simplifyName); err != nil {
				return nil, err
			}
			decodeTest(f, a, names[0], "top.XML", jen.Qual(RuntimePath, "XML"), xmlName, want)
			decodeTest(f, a, names[1], "top.JSON", jen.Qual(RuntimePath, "JSON"), jsonName, want)
			decodeTest(f, a, names[2], "top.JSON, simplify", jen.Qual(RuntimePath, "JSON"), simplifyName, want)
			emitEndToEnd(f, a, rs, names[6], names[7], names[8], want, xmlName, jsonName, simplifyName)
			emitUnmarshalTest(f, a, names[13], xmlName, jsonName, simplifyName)
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
			addDecl(f, comment(names[3]+" decodes the doc's error example (XML and its JSON form) to a *top.Error, with top.DecodeResponse and the standard library."),
				jen.Func().Id(names[3]).Params(t()).Block(
					jen.Id("want").Op(":=").Add(wantErr),
					jen.For(jen.List(jen.Id("_"), jen.Id("body")).Op(":=").Range().Index().String().Values(bodies...)).Block(
						jen.Var().Id("got").Id(a.Response),
						jen.Id("err").Op(":=").Qual(RuntimePath, "DecodeResponse").Call(
							jen.Index().Byte().Parens(jen.Id("body")), jen.Qual(RuntimePath, "XML"), jen.Lit(a.Method), jen.Op("&").Id("got")),
						jen.Var().Id("te").Op("*").Qual(RuntimePath, "Error"),
						jen.If(jen.Op("!").Qual("errors", "As").Call(jen.Id("err"), jen.Op("&").Id("te"))).Block(
							jen.Id("t").Dot("Fatalf").Call(jen.Lit("got %v, want a *top.Error"), jen.Id("err"))),
						jen.If(jen.Id("diff").Op(":=").Qual(toptestPath, "Diff").Call(jen.Id("want"), jen.Op("*").Id("te")),
							jen.Id("diff").Op("!=").Lit("")).Block(
							jen.Id("t").Dot("Errorf").Call(jen.Lit("error (-want +got):\n%s"), jen.Id("diff"))),
						jen.Comment("json.Unmarshal or xml.Unmarshal, through the generated methods, gives the same error."),
						jen.Id("unmarshal").Op(":=").Qual("encoding/json", "Unmarshal"),
						jen.If(jen.Qual("strings", "HasPrefix").Call(jen.Qual("strings", "TrimSpace").Call(jen.Id("body")), jen.Lit("<"))).Block(
							jen.Id("unmarshal").Op("=").Qual(xmlPath, "Unmarshal")),
						jen.Var().Id("viaStd").Id(a.Response),
						jen.If(jen.Id("diff").Op(":=").Qual(toptestPath, "Diff").Call(jen.Id("err"),
							jen.Id("unmarshal").Call(jen.Index().Byte().Parens(jen.Id("body")), jen.Op("&").Id("viaStd"))),
							jen.Id("diff").Op("!=").Lit("")).Block(
							jen.Id("t").Dot("Errorf").Call(jen.Lit("json/xml.Unmarshal error (-top.DecodeResponse +standard library):\n%s"), jen.Id("diff"))),
					),
				))
		}
	}

	emitRequestTest(f, a, rs, names[4], names[7], names[8])
	emitPagesTest(f, a)
	return render(f)
}

// emitSamples emits the response examples as constants: the doc's XML and
// its JSON samples, or JSON converted from the XML where the doc has none.
func emitSamples(f *jen.File, a *API, xmlName, jsonName, simplifyName string) error {
	ex := a.Spec.Examples
	var err error
	jsonBody, jsonDoc := ex.ResponseJSON, "the doc's JSON response example"
	if jsonBody == "" {
		jsonBody, err = a.Spec.SampleJSON(false)
		jsonDoc = "the doc's XML response example converted to TOP JSON (list wrappers kept)"
	}
	simplifyBody, simplifyDoc := ex.ResponseSimplifyJSON, "the doc's simplify=true JSON response example"
	if err == nil && simplifyBody == "" {
		simplifyBody, err = a.Spec.SampleJSON(true)
		simplifyDoc = "the doc's XML response example converted to simplify=true JSON (body at the root, plain arrays)"
	}
	if err != nil {
		return err
	}
	addDecl(f, comment(xmlName+" is the doc's XML response example."), jen.Const().Id(xmlName).Op("=").Add(stringLit(ex.ResponseXML)))
	addDecl(f, comment(jsonName+" is "+jsonDoc+"."), jen.Const().Id(jsonName).Op("=").Add(stringLit(jsonBody)))
	addDecl(f, comment(simplifyName+" is "+simplifyDoc+"."), jen.Const().Id(simplifyName).Op("=").Add(stringLit(simplifyBody)))
	return nil
}

// decodeTest emits a test decoding the sample constant body and comparing
// with want().
func decodeTest(f *jen.File, a *API, name, formatName string, format jen.Code, body, want string) {
	addDecl(f, comment(name+" decodes "+body+" ("+formatName+") and compares every value with the literal."),
		jen.Func().Id(name).Params(jen.Id("t").Op("*").Qual(testingPath, "T")).Block(
			jen.Var().Id("got").Id(a.Response),
			jen.If(jen.Id("err").Op(":=").Qual(RuntimePath, "DecodeResponse").Call(
				jen.Index().Byte().Parens(jen.Id(body)), format, jen.Lit(a.Method), jen.Op("&").Id("got")),
				jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Id("err"))),
			jen.If(jen.Id("diff").Op(":=").Qual(toptestPath, "Diff").Call(jen.Id(want).Call(), jen.Op("&").Id("got")),
				jen.Id("diff").Op("!=").Lit("")).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("response (-want +got):\n%s"), jen.Id("diff"))),
		))
}

// emitExampleRequest emits the functions returning the request built from
// the doc's example values and the form values it must encode to.
func emitExampleRequest(f *jen.File, a *API, rs *requestSample, reqName, formName string) {
	build := []jen.Code{jen.Id("req").Op(":=").Id("New" + a.Request).Call()}
	for _, s := range rs.Setters {
		build = append(build, jen.Id("req").Add(s))
	}
	build = append(build, jen.Return(jen.Id("req")))
	addDecl(f, comment(reqName+" is the request built from the doc's example values."),
		jen.Func().Id(reqName).Params().Op("*").Id(a.Request).Block(build...))
	var form []jen.Code
	for _, kv := range rs.Form {
		form = append(form, jen.Line().Lit(kv[0]).Op(":").Add(stringLit(kv[1])))
	}
	if len(form) > 0 {
		form = append(form, jen.Line())
	}
	addDecl(f, comment(formName+" is the form "+reqName+" encodes to, computed by the generator from the example values."),
		jen.Func().Id(formName).Params().Map(jen.String()).String().Block(
			jen.Return(jen.Map(jen.String()).String().Values(form...))))
}

// emitRequestTest emits the test building a request from the examples.
func emitRequestTest(f *jen.File, a *API, rs *requestSample, name, reqName, formName string) {
	build := []jen.Code{jen.Id("req").Op(":=").Id(reqName).Call()}
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
			jen.If(jen.Id("diff").Op(":=").Qual(toptestPath, "Diff").Call(jen.Id(formName).Call(), jen.Id("got")),
				jen.Id("diff").Op("!=").Lit("")).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("form values (-want +got):\n%s"), jen.Id("diff"))),
			jen.If(jen.Id("req").Dot("APIMethod").Call().Op("!=").Lit(a.Method)).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("APIMethod = %q"), jen.Id("req").Dot("APIMethod").Call())),
		)...))
}

const toptestPath = "github.com/opentop/topgen/top/toptest"

// emitEndToEnd emits the test that sends the example request with top.Do
// to a fake gateway answering the doc's example, in each response format,
// and compares the typed response with the literal and the form the
// gateway received with the expected one.
func emitEndToEnd(f *jen.File, a *API, rs *requestSample, name, reqName, formName, want, xmlName, jsonName, simplifyName string) {
	t := jen.Id("t")
	if len(rs.Problems) > 0 {
		addDecl(f, comment(name+" would send the example request through a fake gateway, but the doc's examples leave it invalid."),
			jen.Func().Id(name).Params(t.Clone().Op("*").Qual(testingPath, "T")).Block(
				jen.Id("t").Dot("Skip").Call(jen.Lit("the doc's example request does not validate, so top.Do refuses it: "+strings.Join(rs.Problems, "; ")))))
		return
	}
	gw := jen.Id("gw")
	setup := []jen.Code{
		gw.Clone().Op(":=").Qual(toptestPath, "NewServer").Call(jen.Id("t"), jen.Lit("example-app-key"), jen.Lit("example-secret")),
		gw.Clone().Dot("Handle").Call(jen.Lit(a.Method), jen.Qual(toptestPath, "Reply").Values(jen.Dict{
			jen.Id("JSON"): jen.Id(jsonName), jen.Id("Simplify"): jen.Id(simplifyName), jen.Id("XML"): jen.Id(xmlName),
		})),
	}
	callArgs := []jen.Code{jen.Qual("context", "Background").Call(), jen.Id("c"), jen.Id(reqName).Call()}
	if a.Session == spec.SessionRequired {
		setup = append(setup, gw.Clone().Dot("RequireSession").Call(jen.Lit(a.Method)))
		callArgs = append(callArgs, jen.Qual(RuntimePath, "WithSession").Call(jen.Lit("example-session")))
	}
	body := append(setup,
		jen.List(jen.Id("c"), jen.Id("err")).Op(":=").Qual(RuntimePath, "NewClient").Call(jen.Lit("example-app-key"), jen.Lit("example-secret"),
			jen.Qual(RuntimePath, "WithGateway").Call(gw.Clone().Dot("URL")),
			jen.Qual(RuntimePath, "WithFormat").Call(jen.Id("tc").Dot("format")),
			jen.Qual(RuntimePath, "WithSimplify").Call(jen.Id("tc").Dot("simplify"))),
		jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Id("err"))),
		jen.List(jen.Id("got"), jen.Id("err")).Op(":=").Qual(RuntimePath, "Do").Call(callArgs...),
		jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Id("err"))),
		jen.If(jen.Id("diff").Op(":=").Qual(toptestPath, "Diff").Call(jen.Id(want).Call(), jen.Id("got")),
			jen.Id("diff").Op("!=").Lit("")).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("response (-want +got):\n%s"), jen.Id("diff"))),
		jen.Id("received").Op(":=").Add(gw.Clone()).Dot("Received").Call(),
		jen.If(jen.Len(jen.Id("received")).Op("!=").Lit(1)).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("the gateway received %d requests, want 1"), jen.Len(jen.Id("received")))),
		jen.If(jen.Id("diff").Op(":=").Qual(toptestPath, "Diff").Call(jen.Id(formName).Call(), jen.Id("received").Index(jen.Lit(0)).Dot("Params")),
			jen.Id("diff").Op("!=").Lit("")).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("form the gateway received (-want +got):\n%s"), jen.Id("diff"))),
	)
	cases := jen.Index().Struct(
		jen.Id("name").String(),
		jen.Id("format").Qual(RuntimePath, "Format"),
		jen.Id("simplify").Bool(),
	).Values(
		jen.Line().Values(jen.Lit("json"), jen.Qual(RuntimePath, "JSON"), jen.False()),
		jen.Line().Values(jen.Lit("simplify"), jen.Qual(RuntimePath, "JSON"), jen.True()),
		jen.Line().Values(jen.Lit("xml"), jen.Qual(RuntimePath, "XML"), jen.False()),
		jen.Line(),
	)
	addDecl(f, comment(name+" sends the example request with top.Do to a fake gateway that answers the doc's example, in each response format."),
		jen.Func().Id(name).Params(jen.Id("t").Op("*").Qual(testingPath, "T")).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("tc")).Op(":=").Range().Add(cases)).Block(
				jen.Id("t").Dot("Run").Call(jen.Id("tc").Dot("name"), jen.Func().Params(jen.Id("t").Op("*").Qual(testingPath, "T")).Block(body...)),
			)))
}
