package memo

import (
	"math"
	"reflect"
	"sort"
	"sync"
	"time"
)

// Value adds v, walked by reflection: strings, numbers, booleans, times,
// slices, maps (in key order), pointers and the exported fields of
// structs, except those tagged json:"-" (the caller adds what stands for
// them). It is several times faster than JSON and needs no escaping; two
// values hash the same exactly when they hold the same data, nil and
// empty told apart. Unexported fields are not read: a type that keeps
// inputs there must add them itself.
func (h *Hasher) Value(v any) {
	h.value(reflect.ValueOf(v))
}

var timeType = reflect.TypeOf(time.Time{})

func (h *Hasher) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.Invalid:
		h.Int(-1)
	case reflect.String:
		h.String(v.String())
	case reflect.Bool:
		h.Bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.Int(int(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		h.Int(int(v.Uint()))
	case reflect.Float32, reflect.Float64:
		h.Int(int(math.Float64bits(v.Float())))
	case reflect.Slice:
		if v.IsNil() {
			h.Int(-1)
			return
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			h.Bytes(v.Bytes())
			return
		}
		fallthrough
	case reflect.Array:
		h.Int(v.Len())
		for i := 0; i < v.Len(); i++ {
			h.value(v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() {
			h.Int(-1)
			return
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keyLess(keys[i], keys[j]) })
		h.Int(len(keys))
		for _, k := range keys {
			h.value(k)
			h.value(v.MapIndex(k))
		}
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			h.Int(-1)
			return
		}
		h.Int(1)
		h.value(v.Elem())
	case reflect.Struct:
		if v.Type() == timeType {
			t := v.Interface().(time.Time)
			h.Int(int(t.UnixNano())).String(t.Location().String())
			return
		}
		for _, i := range fieldsOf(v.Type()) {
			h.value(v.Field(i))
		}
	default: // funcs, channels: not data
		h.String(v.Kind().String())
	}
}

func keyLess(a, b reflect.Value) bool {
	if a.Kind() == reflect.String && b.Kind() == reflect.String {
		return a.String() < b.String()
	}
	return a.String() < b.String() || a.String() == b.String() && a.Type().String() < b.Type().String()
}

var fields sync.Map // reflect.Type → []int

// fieldsOf are the indexes of a struct's exported fields not tagged
// json:"-".
func fieldsOf(t reflect.Type) []int {
	if f, ok := fields.Load(t); ok {
		return f.([]int)
	}
	var out []int
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.IsExported() && f.Tag.Get("json") != "-" {
			out = append(out, i)
		}
	}
	fields.Store(t, out)
	return out
}
