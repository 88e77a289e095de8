package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/opentop/topgen/spec"
)

// requestFieldType: lists are slices (nil = unset); everything else is a
// pointer so that "unset" differs from the zero value.
func requestFieldType(t Type) *jen.Statement {
	if t.List {
		return jen.Index().Add(elemType(t))
	}
	return jen.Op("*").Add(elemType(t))
}

func emitRequest(f *jen.File, a *API) {
	r := a.Request
	title := a.Method
	if a.Title != "" {
		title += " (" + a.Title + ")"
	}
	fields := []jen.Code{doNotCompare()}
	for _, fl := range a.Params {
		fields = append(fields, fieldDoc(fl)...)
		fields = append(fields, jen.Id(fl.GoName).Add(requestFieldType(fl.Type)))
	}
	addDecl(f, docBlock(r+" is a request of "+title+".", a.Doc),
		jen.Type().Id(r).Struct(fields...))

	addDecl(f, comment("New"+r+" returns an empty "+r+"; set its parameters with the Set methods."),
		jen.Func().Id("New"+r).Params().Op("*").Id(r).Block(jen.Return(jen.Op("&").Id(r).Values())))

	for _, fl := range a.Params {
		param := elemType(fl.Type)
		assign := jen.Id("r").Dot(fl.GoName).Op("=").Op("&").Id("v")
		if fl.Type.List {
			param = jen.Index().Add(elemType(fl.Type))
			assign = jen.Id("r").Dot(fl.GoName).Op("=").Id("v")
		} else if fl.Type.Kind == KindStruct {
			param = jen.Op("*").Add(param)
			assign = jen.Id("r").Dot(fl.GoName).Op("=").Id("v")
		}
		addDecl(f, comment(fl.Setter+" sets the parameter "+fl.Wire+"."),
			jen.Func().Params(jen.Id("r").Op("*").Id(r)).Id(fl.Setter).Params(jen.Id("v").Add(param)).Op("*").Id(r).Block(
				assign, jen.Return(jen.Id("r"))))
	}

	addDecl(f, comment("APIMethod returns the TOP method name."),
		jen.Func().Params(jen.Id("r").Op("*").Id(r)).Id("APIMethod").Params().String().Block(jen.Return(jen.Lit(a.Method))))
	addDecl(f, comment("SessionRequired reports whether the doc requires a user session ("+string(a.Session)+")."),
		jen.Func().Params(jen.Id("r").Op("*").Id(r)).Id("SessionRequired").Params().Bool().Block(jen.Return(jen.Lit(a.Session == spec.SessionRequired))))
	addDecl(f, comment("NewResponse returns an empty "+a.Response+" to decode into."),
		jen.Func().Params(jen.Id("r").Op("*").Id(r)).Id("NewResponse").Params().Op("*").Id(a.Response).Block(jen.Return(jen.New(jen.Id(a.Response)))))

	var checks []jen.Code
	checks = append(checks, jen.Id("v").Op(":=").New(jen.Qual(RuntimePath, "Validator")))
	for _, fl := range a.Params {
		checks = append(checks, validateField(jen.Id("r"), fl, func() *jen.Statement { return jen.Lit(fl.Wire) })...)
	}
	checks = append(checks, jen.Return(jen.Id("v").Dot("Err").Call()))
	addDecl(f, comment("Validate checks the parameters against the doc (required, lengths, list sizes, value ranges); the error lists every problem with its parameter path."),
		jen.Func().Params(jen.Id("r").Op("*").Id(r)).Id("Validate").Params().Error().Block(checks...))

	var enc []jen.Code
	enc = append(enc, jen.Id("p").Op(":=").Qual(RuntimePath, "NewParams").Call())
	for _, fl := range a.Params {
		enc = append(enc, encodeParam(fl))
	}
	enc = append(enc, jen.Return(jen.Id("p"), jen.Nil()))
	addDecl(f, comment("Params encodes the set parameters in TOP's form; unset optional parameters are not sent."),
		jen.Func().Params(jen.Id("r").Op("*").Id(r)).Id("Params").Params().Params(jen.Op("*").Qual(RuntimePath, "Params"), jen.Error()).Block(enc...))
}

// validateField emits the checks of one field of recv; path builds the
// expression of the field's parameter path.
func validateField(recv *jen.Statement, fl *Field, path func() *jen.Statement) []jen.Code {
	var out []jen.Code
	field := func() *jen.Statement { return recv.Clone().Dot(fl.GoName) }
	v := func() *jen.Statement { return jen.Id("v") }
	t := fl.Type
	if fl.Required {
		present := field().Op("!=").Nil()
		if t.List {
			present = jen.Len(field()).Op(">").Lit(0)
		}
		out = append(out, v().Dot("Required").Call(path(), present))
	}
	l := fl.Limits
	if t.List {
		if l.MaxListSize != nil {
			out = append(out, v().Dot("MaxListSize").Call(path(), jen.Len(field()), jen.Lit(*l.MaxListSize)))
		}
		if t.Kind == KindStruct {
			out = append(out, jen.For(jen.Id("i").Op(":=").Range().Add(field())).Block(
				field().Index(jen.Id("i")).Dot("validate").Call(jen.Id("v"),
					jen.Qual(RuntimePath, "Index").Call(path(), jen.Id("i")))))
		}
		return out
	}
	var inner []jen.Code
	switch t.Kind {
	case KindString:
		if l.MaxLength != nil {
			inner = append(inner, v().Dot("MaxLength").Call(path(), jen.Op("*").Add(field()), jen.Lit(*l.MaxLength)))
		}
	case KindInt:
		if l.MinValue != nil {
			inner = append(inner, v().Dot("Min").Call(path(), jen.Op("*").Add(field()), jen.Lit(*l.MinValue)))
		}
		if l.MaxValue != nil {
			inner = append(inner, v().Dot("Max").Call(path(), jen.Op("*").Add(field()), jen.Lit(*l.MaxValue)))
		}
	case KindDecimal:
		inner = append(inner, v().Dot("Decimal").Call(path(), jen.Op("*").Add(field())))
		if l.MinValue != nil {
			inner = append(inner, v().Dot("MinDecimal").Call(path(), jen.Op("*").Add(field()), jen.Lit(*l.MinValue)))
		}
		if l.MaxValue != nil {
			inner = append(inner, v().Dot("MaxDecimal").Call(path(), jen.Op("*").Add(field()), jen.Lit(*l.MaxValue)))
		}
	case KindStruct:
		inner = append(inner, field().Dot("validate").Call(jen.Id("v"), path()))
	}
	if len(inner) > 0 {
		out = append(out, jen.If(field().Op("!=").Nil()).Block(inner...))
	}
	return out
}

// encodeParam emits the statement that puts one top-level parameter into
// the form, if it is set.
func encodeParam(fl *Field) jen.Code {
	field := func() *jen.Statement { return jen.Id("r").Dot(fl.GoName) }
	p := func() *jen.Statement { return jen.Id("p") }
	name := jen.Lit(fl.Wire)
	var set jen.Code
	t := fl.Type
	switch {
	case t.Kind == KindStruct || t.Kind == KindRawJSON && t.List:
		// A list of raw JSON values is one JSON array, as a struct list.
		return jen.If(field().Op("!=").Nil()).Block(
			jen.List(jen.Id("s"), jen.Err()).Op(":=").Qual(RuntimePath, "EncodeJSON").Call(field()),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			p().Dot("Set").Call(name, jen.Id("s")),
		)
	case t.List:
		items := field()
		switch t.Kind {
		case KindInt:
			items = jen.Qual(RuntimePath, "FormatInts").Call(field())
		case KindBool:
			items = jen.Qual(RuntimePath, "FormatBools").Call(field())
		case KindTime:
			items = jen.Qual(RuntimePath, "FormatTimes").Call(field())
		case KindDecimal:
			items = jen.Qual(RuntimePath, "FormatDecimals").Call(field())
		}
		set = p().Dot("SetList").Call(name, items)
	case t.Kind == KindInt:
		set = p().Dot("SetInt").Call(name, jen.Op("*").Add(field()))
	case t.Kind == KindBool:
		set = p().Dot("SetBool").Call(name, jen.Op("*").Add(field()))
	case t.Kind == KindTime:
		set = p().Dot("SetTime").Call(name, jen.Op("*").Add(field()))
	case t.Kind == KindDecimal:
		set = p().Dot("Set").Call(name, field().Dot("String").Call())
	case t.Kind == KindFile:
		set = p().Dot("SetFile").Call(name, jen.Op("*").Add(field()))
	case t.Kind == KindRawJSON:
		set = p().Dot("Set").Call(name, jen.String().Call(jen.Op("*").Add(field())))
	default:
		set = p().Dot("Set").Call(name, jen.Op("*").Add(field()))
	}
	return jen.If(field().Op("!=").Nil()).Block(set)
}

// emitRequestStruct declares a struct parameter type and its validate
// method. Fields carry their doc names in tags (requestTags): EncodeJSON
// sends them.
func emitRequestStruct(f *jen.File, a *API, s *Struct) {
	fields := []jen.Code{doNotCompare()}
	for _, fl := range s.Fields {
		fields = append(fields, fieldDoc(fl)...)
		fields = append(fields, jen.Id(fl.GoName).Add(requestFieldType(fl.Type)).Tag(requestTags(fl.Wire)))
	}
	addDecl(f, docBlock(s.GoName+" is the doc type "+s.DocName+" of "+a.Method+"."),
		jen.Type().Id(s.GoName).Struct(fields...))
	var checks []jen.Code
	for _, fl := range s.Fields {
		checks = append(checks, validateField(jen.Id("s"), fl, func() *jen.Statement {
			return jen.Id("path").Op("+").Lit("." + fl.Wire)
		})...)
	}
	addDecl(f, nil, jen.Func().Params(jen.Id("s").Op("*").Id(s.GoName)).Id("validate").Params(
		jen.Id("v").Op("*").Qual(RuntimePath, "Validator"), jen.Id("path").String()).Block(checks...))
}
