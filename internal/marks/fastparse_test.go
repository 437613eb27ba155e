package marks

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

// FuzzParseFast: whatever parseFastPlain accepts, the encoding/json path reads
// the same way.
func FuzzParseFast(f *testing.F) {
	f.Add([]byte(`{"format":"margin-marks","version":1,"next_id":3,"marks":[{"id":"1","reading":"r","section":"2.1","quote":"q \"x\"\n","prefix":"é","text":"t\\/\t","created":"2026-03-01T10:00:00+01:00"}]}`))
	f.Add([]byte(`{"format":"margin-marks","version":1,"marks":[]}`))
	f.Add([]byte(`{"format":"margin-marks","version":1.0,"next_id":-4,"marks":[{"id":"2"},{"id":"2"}]}`))
	f.Add([]byte(`{"format":"margin-marks","version":1,"next_id":9223372036854775807,"marks":[{"ID":"1"}]} x`))
	f.Add([]byte(`{"format":"margin-marks","version":1,"marks":[{"id":"1","text":"a\rb\u001b[31m","quote":"\u202e"}]}`))
	f.Add([]byte("{\"format\":\"margin-marks\",\"version\":1,\"marks\":[{\"id\":\"1\",\"text\":\"\xff\"}]}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, plain, ok := parseFastPlain(data)
		if !ok {
			return
		}
		for i, m := range fast.Marks {
			if plain[i] && cleanMark(m) != m {
				t.Fatalf("note %d is called plain but Clean changes it: %+v", i, m)
			}
		}
		var slow fileV1
		if err := json.Unmarshal(data, &slow); err != nil {
			t.Fatalf("parseFastPlain accepted what encoding/json rejects (%v)", err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("parseFastPlain = %+v\nencoding/json = %+v", fast, slow)
		}
		st1, err1 := parse("p", data)
		st2, err2 := parseSlow("p", data)
		st1.plain = nil // only the fast path knows which notes are plain
		if !reflect.DeepEqual(st1, st2) || (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
			t.Fatalf("parse = %+v, %v\nparseSlow = %+v, %v", st1, err1, st2, err2)
		}
	})
}

func TestParseFastAtIntLimit(t *testing.T) {
	st, err := parse("p", []byte(`{"format":"margin-marks","version":1,"next_id":1,"marks":[{"id":"9223372036854775807"}]}`))
	if err != nil || st.nextID != math.MaxInt64 {
		t.Errorf("nextID = %d, %v; want it held at the largest id", st.nextID, err)
	}
}
