package generator

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
)

// newFile starts a generated file of package p with the constant header
// and pinned import names, so aliases never depend on the file's content.
func newFile(p *Package) *jen.File {
	f := jen.NewFilePathName(p.ImportPath, p.Name)
	f.HeaderComment(Header)
	f.ImportName(RuntimePath, "top")
	return f
}

func render(f *jen.File) ([]byte, error) {
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// comment appends doc lines to a statement list: text wrapped, one "//"
// line per call, never jennifer's /* */ form.
func comment(text string) []jen.Code {
	var out []jen.Code
	for _, l := range docLines(text) {
		out = append(out, jen.Comment(l))
	}
	return out
}

// docBlock is a doc comment of several paragraphs separated by "//" lines.
func docBlock(paragraphs ...string) []jen.Code {
	var out []jen.Code
	for _, p := range paragraphs {
		lines := comment(p)
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, jen.Comment(""))
		}
		out = append(out, lines...)
	}
	return out
}

func addDecl(f *jen.File, doc []jen.Code, decl jen.Code) {
	for _, c := range doc {
		f.Add(c)
	}
	f.Add(decl)
}

// emitDoc writes the package's doc.go: the package comment listing its APIs.
func emitDoc(p *Package) ([]byte, error) {
	f := newFile(p)
	var lines []string
	lines = append(lines, fmt.Sprintf("Package %s calls the TOP APIs of the %s group:", p.Name, p.Name))
	f.PackageComment(lines[0])
	f.PackageComment("")
	for _, a := range p.APIs {
		line := "  - " + a.Method + ": " + a.Request
		if a.Title != "" {
			line += " (" + a.Title + ")"
		}
		// One line per API; titles are plain text without line breaks.
		f.PackageComment(strings.TrimRight(line, " "))
	}
	return render(f)
}

// emitAPI writes the API's file: request type and methods, request struct
// types, response type and response struct types.
func emitAPI(p *Package, a *API) ([]byte, error) {
	f := newFile(p)
	emitRequest(f, a)
	emitPages(f, a)
	for _, s := range a.Structs {
		if s.Request {
			emitRequestStruct(f, a, s)
		}
	}
	emitResponse(f, a)
	for _, s := range a.Structs {
		if !s.Request {
			emitResponseStruct(f, s)
		}
	}
	emitConsts(f, a)
	return render(f)
}

// fieldDoc is the doc comment of a field: its description and its limits.
func fieldDoc(fl *Field) []jen.Code {
	var notes []string
	if fl.Required {
		notes = append(notes, "Required.")
	}
	l := fl.Limits
	if l.MaxLength != nil {
		notes = append(notes, fmt.Sprintf("At most %d characters.", *l.MaxLength))
	}
	if l.MaxListSize != nil {
		notes = append(notes, fmt.Sprintf("At most %d items.", *l.MaxListSize))
	}
	if l.MinValue != nil {
		notes = append(notes, fmt.Sprintf("At least %d.", *l.MinValue))
	}
	if l.MaxValue != nil {
		notes = append(notes, fmt.Sprintf("At most %d.", *l.MaxValue))
	}
	return docBlock(fl.Doc, valuesNote(fl), strings.Join(notes, " "))
}

// scalarType is the Go type of a non-struct kind.
func scalarType(k Kind) *jen.Statement {
	switch k {
	case KindInt:
		return jen.Int64()
	case KindBool:
		return jen.Bool()
	case KindTime:
		return jen.Qual("time", "Time")
	case KindDecimal:
		return jen.Qual(RuntimePath, "Decimal")
	case KindFile:
		return jen.Qual(RuntimePath, "File")
	case KindRawJSON:
		return jen.Qual(RuntimePath, "RawJSON")
	}
	return jen.String()
}

// elemType is the Go type of one value of the field (a list's item).
func elemType(t Type) *jen.Statement {
	if t.Kind == KindStruct {
		return jen.Id(t.Struct.GoName)
	}
	return scalarType(t.Kind)
}
