package generator

import "github.com/dave/jennifer/jen"

// responseFieldType: scalars are values (absent = zero), structs are
// pointers (absent = nil), lists are slices.
func responseFieldType(t Type) *jen.Statement {
	if t.List {
		return jen.Index().Add(elemType(t))
	}
	if t.Kind == KindStruct {
		return jen.Op("*").Add(elemType(t))
	}
	return elemType(t)
}

func responseFields(fields []*Field) []jen.Code {
	out := []jen.Code{doNotCompare()}
	for _, fl := range fields {
		out = append(out, docBlock(fl.Doc, valuesNote(fl))...)
		out = append(out, jen.Id(fl.GoName).Add(responseFieldType(fl.Type)).Tag(responseFieldTags(fl)))
	}
	return out
}

func emitResponse(f *jen.File, a *API) {
	fields := responseFields(a.Results)
	if a.AddRequestID {
		fields = append(fields, jen.Comment("RequestID is TOP's id of the call, for support requests."),
			jen.Id("RequestID").String().Tag(responseTags("request_id")))
	}
	addDecl(f, docBlock(a.Response+" is the response of "+a.Method+".",
		"top.DecodeResponse, json.Unmarshal and xml.Unmarshal fill it alike from a TOP body: JSON with the "+
			a.Spec.ResponseKey()+" envelope, simplify=true JSON, or XML. An error_response is a *top.Error."),
		jen.Type().Id(a.Response).Struct(fields...))
	emitUnmarshalMethods(f, a)
}

// doNotCompare is every generated struct's first field, a blank
// top.DoNotCompare: see there why generated structs are not comparable.
func doNotCompare() jen.Code {
	return jen.Id("_").Qual(RuntimePath, "DoNotCompare")
}

func emitResponseStruct(f *jen.File, s *Struct) {
	addDecl(f, comment(s.GoName+" is the doc type "+s.DocName+"."),
		jen.Type().Id(s.GoName).Struct(responseFields(s.Fields)...))
}
