package spec

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

const createSpec = "../specs/alibaba.damai.mz.order.create.yaml"

// edit loads the bundled spec, applies text replacements as a person
// editing the file would, and returns the doc's spec and the edited one.
func edit(t *testing.T, pairs ...string) (from, to *API) {
	t.Helper()
	data, err := os.ReadFile(createSpec)
	if err != nil {
		t.Fatal(err)
	}
	from, err = Unmarshal(createSpec, data)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(text, pairs[i]) {
			t.Fatalf("edit: %q not in the spec", pairs[i])
		}
		text = strings.Replace(text, pairs[i], pairs[i+1], 1)
	}
	to, err = Unmarshal("edited", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return from, to
}

func TestChecksum(t *testing.T) {
	a, err := Load(createSpec)
	if err != nil {
		t.Fatal(err)
	}
	data, err := Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(data, []byte("keep it as patches/alibaba.damai.mz.order.create.yaml (topgen patch).\n# sha256:"+bodySum(data[:bytes.Index(data, []byte("# Derived by topgen"))])+"\n")) {
		t.Fatalf("no trailer:\n%s", data[len(data)-300:])
	}
	if p, body := CheckFile(data); p != AsWritten || !bytes.Equal(body, data[:bytes.Index(data, []byte("# Derived by topgen"))]) {
		t.Errorf("as written: %v, body ends %q", p, body[len(body)-30:])
	}
	// CRLF line ends (git autocrlf) are no edit.
	if p, _ := CheckFile(bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))); p != AsWritten {
		t.Errorf("CRLF: %v", p)
	}
	edited := bytes.Replace(data, []byte("description: 订单备注\n"), []byte("description: 订单备注（最多200字）\n"), 1)
	if p, _ := CheckFile(edited); p != HandEdited {
		t.Errorf("edited: %v", p)
	}
	// Without the trailer nothing can be told.
	if p, body := CheckFile(data[:bytes.Index(data, []byte("# Derived"))]); p != Unstamped || !bytes.HasPrefix(body, []byte("method:")) {
		t.Errorf("no trailer: %v", p)
	}
	// The trailer is a comment: loading ignores it.
	if back, err := Unmarshal("x", edited); err != nil || back.Method != a.Method {
		t.Errorf("loading a stamped spec: %v", err)
	}
}

func TestPatchFor(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edits []string
		want  string // the patch's changes, as YAML
	}{
		{"set fields",
			[]string{
				"          - name: need_online_pay\n            type: Boolean\n", "          - name: need_online_pay\n            type: String\n",
				"        description: 订单备注\n", "        description: 订单备注，最多200字\n        limits:\n          max_length: 200\n",
			},
			`changes:
  - at: request:param/remark
    set:
      description: 订单备注，最多200字
      limits:
        max_length: 200
  - at: response:result/data/need_online_pay
    set:
      type: String
`},
		{"remove and add",
			[]string{
				"      - name: remark\n        type: String\n        example: xxxx\n        description: 订单备注\n        nesting: java\n", "",
				"            nesting: example\n      - name: success\n", "            nesting: example\n          - name: paid\n            type: Boolean\n      - name: success\n",
			},
			`changes:
  - at: request:param/remark
    remove: true
  - at: response:result/data
    add:
      name: paid
      type: Boolean
`},
		{"move",
			[]string{
				"            nesting: example\n      - name: success\n        type: Boolean\n        example: \"true\"\n        description: api请求是否成功\n        nesting: example\n",
				"            nesting: example\n          - name: success\n            type: Boolean\n            example: \"true\"\n            description: api请求是否成功\n            nesting: example\n",
			},
			`changes:
  - at: response:result/success
    move: response:result/data
`},
		{"session", []string{"session: none\n", "session: required\n"}, `session: required
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from, to := edit(t, tc.edits...)
			p, err := PatchFor(from, to)
			if err != nil {
				t.Fatal(err)
			}
			data, err := MarshalPatch(p)
			if err != nil {
				t.Fatal(err)
			}
			if want := "method: alibaba.damai.mz.order.create\n" + tc.want; string(data) != want {
				t.Errorf("patch:\n%s\nwant:\n%s", data, want)
			}
			// The written patch, read back and applied to the doc's spec,
			// gives the edited spec byte for byte.
			back, err := UnmarshalPatch("p.yaml", data)
			if err != nil {
				t.Fatal(err)
			}
			if err := from.Apply(back); err != nil {
				t.Fatal(err)
			}
			got, _ := Marshal(from)
			want, _ := Marshal(to)
			if !bytes.Equal(got, want) {
				t.Errorf("patched spec differs from the edited one")
			}
		})
	}
}

func TestPatchForRefusesWhatPatchesCannotSay(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edits []string
		want  string
	}{
		{"title", []string{"title: ", "title: 新"}, "the edit changes title, which patches cannot"},
		{"examples", []string{"<success>true</success>", "<success>false</success>"}, "the edit changes examples"},
		{"top-level parameter", []string{"request:\n", "request:\n  - name: extra\n    type: String\n"},
			"the edit adds extra at the top of the request, which patches cannot"},
		{"order", []string{
			"      - name: remark\n", "      - name: memo\n        type: String\n      - name: remark\n",
		}, "a patch cannot give the edited spec: at its line"},
		{"nesting", []string{"        description: 订单备注\n        nesting: java\n", "        description: 订单备注\n        nesting: default\n"},
			"a patch cannot give the edited spec"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from, to := edit(t, tc.edits...)
			if _, err := PatchFor(from, to); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}
