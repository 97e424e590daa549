package news

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
)

func TestHTTPStatus(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, http.StatusOK},
		{fmt.Errorf("store: article 7: %w", ErrNotFound), http.StatusNotFound},
		{fmt.Errorf("web: %w", ErrInvalid), http.StatusBadRequest},
		{ErrConflict, http.StatusConflict},
		{fmt.Errorf("comment: %w", ErrForbidden), http.StatusForbidden},
		{ErrUnavailable, http.StatusServiceUnavailable},
		{errors.New("disk on fire"), http.StatusInternalServerError},
	}
	for _, tt := range tests {
		if got := HTTPStatus(tt.err); got != tt.want {
			t.Errorf("HTTPStatus(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

func TestTemplateBoilerplate(t *testing.T) {
	tpl := Template{Pages: 5, Blocks: map[uint64]int{1: TemplateMinPages, 2: TemplateMinPages - 1, 3: 1}}
	for key, want := range map[uint64]bool{1: true, 2: false, 3: false, 4: false} {
		if got := tpl.Boilerplate(key); got != want {
			t.Errorf("Boilerplate(%d) = %v, want %v", key, got, want)
		}
	}
	if (Template{}).Boilerplate(1) {
		t.Error("an empty template calls a block boilerplate")
	}
}
