package merge

import "commonplace/storage/bundle/internal/longrun"

// progress counts an import's steps for Options.Progress: every pass over
// the source (a Checker's check, the plan, the apply) steps once per item,
// so the caller sees one count run from start to end.
type progress struct {
	report      func(done, total int)
	cancel      <-chan struct{}
	done, total int
	quiet       bool // planning again inside the batch: the apply's steps count
}

// step counts one item, reporting now and then, and stops on a cancel.
func (p *progress) step() error {
	if longrun.Cancelled(p.cancel) {
		return ErrCancelled
	}
	if p.quiet {
		return nil
	}
	p.done++
	if p.report != nil && p.done <= p.total && (p.done%500 == 0 || p.done == p.total) {
		p.report(p.done, p.total)
	}
	return nil
}

func (p *progress) finish() {
	if p.report != nil {
		p.report(p.total, p.total)
	}
}
