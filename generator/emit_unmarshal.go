package generator

import (
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"
)

// The response type's UnmarshalJSON and UnmarshalXML hand the body to the
// runtime, which decodes it exactly as top.DecodeResponse does (and never
// calls these methods, so they cannot recurse). Nested struct types get no
// methods: only a whole body has an envelope and error_response.

const xmlPath = "encoding/xml"

func emitUnmarshalMethods(f *jen.File, a *API) {
	r := jen.Id("r").Op("*").Id(a.Response)
	addDecl(f, comment("UnmarshalJSON decodes a TOP JSON body as top.DecodeResponse does."),
		jen.Func().Params(r.Clone()).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
			jen.Return(jen.Qual(RuntimePath, "UnmarshalJSON").Call(jen.Id("data"), jen.Lit(a.Method), jen.Id("r")))))
	addDecl(f, comment("UnmarshalXML decodes a TOP XML body as top.DecodeResponse does."),
		jen.Func().Params(r.Clone()).Id("UnmarshalXML").Params(
			jen.Id("d").Op("*").Qual(xmlPath, "Decoder"), jen.Id("start").Qual(xmlPath, "StartElement")).Error().Block(
			jen.Return(jen.Qual(RuntimePath, "UnmarshalXML").Call(jen.Id("d"), jen.Id("start"), jen.Id("r")))))
}

// responseFieldTags are a response field's tags. A list's xml tag names
// its items too (subpay_order_list>sub_pay_order_detail), as encoding/xml
// needs to marshal TOP's wrapper elements; when either name has a meaning
// of its own in a tag, the field keeps the tags responseTags gives it.
func responseFieldTags(fl *Field) map[string]string {
	t := responseTags(fl.Wire)
	if !fl.Type.List || fl.Param == nil || t["xml"] == "" {
		return t
	}
	if item := xmlItemName(fl); tagSafe(item) {
		t["xml"] = fl.Wire + ">" + item
	}
	return t
}

// xmlItemName is the element name of a list's items: the one the doc's
// example shows, else TOP's rule, the item type's name in snake case with
// a word per capital (SubPayOrderDetail → sub_pay_order_detail, String →
// string, ServiceFeeDTO → service_fee_d_t_o, as TOP's own samples spell it).
func xmlItemName(fl *Field) string {
	if fl.Param.Wrapper != "" {
		return fl.Param.Wrapper
	}
	var b strings.Builder
	for i, r := range fl.Param.Type {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// emitUnmarshalTest emits the test that decodes every response sample with
// json.Unmarshal or xml.Unmarshal, through the generated methods, and
// checks that the response and the error are top.DecodeResponse's.
func emitUnmarshalTest(f *jen.File, a *API, name, xmlName, jsonName, simplifyName string) {
	t := jen.Id("t")
	cases := jen.Index().Struct(
		jen.Id("name").String(),
		jen.Id("body").String(),
		jen.Id("unmarshal").Func().Params(jen.Index().Byte(), jen.Any()).Error(),
	).Values(
		jen.Line().Values(jen.Lit("xml"), jen.Id(xmlName), jen.Qual(xmlPath, "Unmarshal")),
		jen.Line().Values(jen.Lit("json"), jen.Id(jsonName), jen.Qual("encoding/json", "Unmarshal")),
		jen.Line().Values(jen.Lit("simplify"), jen.Id(simplifyName), jen.Qual("encoding/json", "Unmarshal")),
		jen.Line(),
	)
	body := []jen.Code{
		jen.Var().List(jen.Id("want"), jen.Id("got")).Id(a.Response),
		jen.Id("wantErr").Op(":=").Qual(RuntimePath, "DecodeResponse").Call(
			jen.Index().Byte().Parens(jen.Id("tc").Dot("body")), jen.Qual(RuntimePath, "JSON"), jen.Lit(a.Method), jen.Op("&").Id("want")),
		jen.Id("err").Op(":=").Id("tc").Dot("unmarshal").Call(jen.Index().Byte().Parens(jen.Id("tc").Dot("body")), jen.Op("&").Id("got")),
		jen.If(jen.Id("diff").Op(":=").Qual(toptestPath, "Diff").Call(jen.Id("wantErr"), jen.Id("err")), jen.Id("diff").Op("!=").Lit("")).Block(
			t.Clone().Dot("Fatalf").Call(jen.Lit("error (-top.DecodeResponse +standard library):\n%s"), jen.Id("diff"))),
		jen.If(jen.Id("diff").Op(":=").Qual(toptestPath, "Diff").Call(jen.Op("&").Id("want"), jen.Op("&").Id("got")), jen.Id("diff").Op("!=").Lit("")).Block(
			t.Clone().Dot("Errorf").Call(jen.Lit("response (-top.DecodeResponse +standard library):\n%s"), jen.Id("diff"))),
	}
	addDecl(f, comment(name+" decodes each response example with json.Unmarshal or xml.Unmarshal (the generated UnmarshalJSON and UnmarshalXML) and checks that the response and the error are top.DecodeResponse's."),
		jen.Func().Id(name).Params(t.Clone().Op("*").Qual(testingPath, "T")).Block(
			jen.For(jen.List(jen.Id("_"), jen.Id("tc")).Op(":=").Range().Add(cases)).Block(
				t.Clone().Dot("Run").Call(jen.Id("tc").Dot("name"), jen.Func().Params(t.Clone().Op("*").Qual(testingPath, "T")).Block(body...)),
			)))
}
