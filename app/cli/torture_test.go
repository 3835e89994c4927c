package cli

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"commonplace/storage"
)

// tortureKillsEnv sets how many kills TestTorture makes: `make torture`
// asks for 1,000 and more; `make test` runs the short default.
const tortureKillsEnv = "COMMONPLACE_TORTURE_KILLS"

// shortTortureKills is the default: some fifteen seconds on two cores
// under the race detector.
const shortTortureKills = 40

// TestTorture kills the command line with SIGKILL at random instants
// across every write command — import of files and of bundles (a big one
// staged), export as a bundle and as a Markdown folder, annotate,
// edit-text, note, claim, link, relation, delete, demo into the notebook
// and into new ones, backup, encrypting a notebook — and a read, and opens
// the notebook after each kill.
// A command that printed its success (an id, "added …", "exported …")
// before it died is acknowledged. Afterwards every acknowledged write must
// be there and intact, no open may have failed, check must pass, and once
// the notebook has been opened again nothing a kill left may remain
// (partial exports: once the next export to the same name has run).
func TestTorture(t *testing.T) {
	if testing.Short() {
		t.Skip("starts hundreds of processes")
	}
	target := shortTortureKills
	if s := os.Getenv(tortureKillsEnv); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q is not a number of kills", tortureKillsEnv, s)
		}
		target = n
	}
	tt := newTorture(t)
	for tt.kills < target {
		tt.step()
		if t.Failed() {
			break
		}
	}
	tt.verify()
	t.Logf("torture: %d commands run, %d killed (%d of them after acknowledging), %d finished; %d acknowledged writes; "+
		"%d opens after a kill; lost %d, corrupted %d, open failures after a crash %d; partial files left by killed exports and backups %d, all removed by the next write to the same name",
		tt.commands, tt.kills, tt.killedAfterAck, tt.commands-tt.kills, tt.acked, tt.opens, tt.lost, tt.corrupted, len(tt.failures), tt.partials)
	var by []string
	for _, name := range slices.Sorted(maps.Keys(tt.killsOf)) {
		by = append(by, fmt.Sprintf("%s %d", name, tt.killsOf[name]))
	}
	t.Logf("kills by command: %s", strings.Join(by, ", "))
	if target >= 1000 {
		// Enough kills that every command must have had its share.
		for _, name := range tortureCommands {
			if tt.killsOf[name] == 0 {
				t.Errorf("%s was never killed", name)
			}
		}
	}
	for _, f := range tt.failures {
		t.Errorf("open after a crash failed: %s", f)
	}
	if tt.lost > 0 || tt.corrupted > 0 {
		t.Errorf("%d acknowledged writes lost, %d corrupted", tt.lost, tt.corrupted)
	}
}

// tortureCommands are the commands TestTorture kills.
var tortureCommands = []string{"note", "annotate", "claim", "link", "edit-text", "import files", "import bundle", "import bundle (staged)",
	"relation", "delete", "export", "export --markdown", "demo", "demo into a new notebook", "backup", "encrypt", "pieces"}

// torture is the notebook under test and what its acknowledged writes
// left in it: each command's acknowledgement adds to what must be there.
type torture struct {
	t    *testing.T
	dir  string // the notebook
	work string // the files commands read and write
	rng  *rand.Rand
	took map[string]time.Duration // how long each command took when it finished
	seq  int                      // numbers files, names and texts

	basePieces []string          // pieces annotations quote; never edited
	quotes     []string          // words of theirs to annotate
	notes      map[string]string // id → body
	claims     map[string]storage.Claim
	anns       map[string]annotationWant
	links      map[string]storage.Link
	pieces     map[string][]string // id → the texts it may hold: its last acknowledged one, and any tried since
	relations  []string
	deleting   map[string]bool // a delete was tried: it may or may not be there
	deleted    map[string]bool // acknowledged deletes: it must not be there
	bundles    []tortureBundle
	exports    map[string]bool // bundles and Markdown folders acknowledged written
	backups    []string        // backups acknowledged written
	demoURLs   []string        // of the demo's pieces
	demoAcked  bool            // the demo went into the notebook

	commands, kills, killedAfterAck, acked int
	opens                                  int // of the notebook, after a kill
	killsOf                                map[string]int
	lost, corrupted, partials              int
	failures                               []string // opens and commands that failed after a crash
}

// annotationWant is what an acknowledged annotation must hold.
type annotationWant struct{ piece, exact, note string }

// tortureBundle is a bundle to import, with the pieces in it.
type tortureBundle struct {
	path   string
	pieces map[string]string // id → text
	staged bool              // large enough for the import to copy the notebook and swap the copy in
	acked  bool
}

// tortureOp is one command line to run and kill, and how to read its
// output: ack takes what it printed and records what it acknowledged,
// returning false if it printed no success.
type tortureOp struct {
	name    string
	dir     string // the notebook it runs on; "" for the torture's
	args    []string
	env     []string // added to the command's environment
	stdin   string
	refusal string // a refusal this command may meet, already seen through
	ack     func(stdout string) bool
	after   func(killed, acked bool) // runs once it is over, killed or not, instead of opening the notebook after a kill
}

func newTorture(t *testing.T) *torture {
	tt := &torture{
		t: t, dir: filepath.Join(t.TempDir(), "nb"), work: t.TempDir(), rng: rand.New(rand.NewPCG(11, 7)),
		took: map[string]time.Duration{}, killsOf: map[string]int{}, notes: map[string]string{}, claims: map[string]storage.Claim{},
		anns: map[string]annotationWant{}, links: map[string]storage.Link{}, pieces: map[string][]string{},
		deleting: map[string]bool{}, deleted: map[string]bool{}, exports: map[string]bool{},
	}
	os.Mkdir(filepath.Join(tt.work, "exports"), 0o755)
	base := []string{
		"The Wakhan corridor\n\nFor Beijing, the Wakhan is less a trade route than a door it wants kept shut. Chinese planners worry about militants in Badakhshan.",
		"Rail at Termez\n\nThe freight yard at Termez handles flour and fuel. Trucks queue at the bridge for days, and the fees have doubled.",
		"Ports of the Caspian\n\nThe new port at Alat is open. Ferries cross to Turkmenbashi in a day when the wind allows.",
	}
	tt.quotes = []string{"the Wakhan", "militants in Badakhshan", "Trucks queue at the bridge", "the fees have doubled", "The new port at Alat", "Ferries cross"}
	for i, text := range base {
		id := strings.TrimSpace(mustRun(t, tt.dir, "import", writeFile(t, fmt.Sprintf("base%d.txt", i), text)))
		tt.basePieces = append(tt.basePieces, id)
		tt.pieces[id] = []string{text}
	}
	// Bundles from other notebooks: small ones, and one over the size a
	// merge stages (a copy of the notebook, swapped in).
	for i := range 6 {
		tt.bundles = append(tt.bundles, tt.makeBundle(fmt.Sprintf("small%d", i), 2, 400))
	}
	big := tt.makeBundle("big", 40, 80<<10) // 3.2 MB: over merge's stageAbove
	big.staged = true
	tt.bundles = append(tt.bundles, big)
	demo := filepath.Join(t.TempDir(), "demo")
	mustRun(t, demo, "demo")
	s, err := storage.OpenReadOnly(demo)
	if err != nil {
		t.Fatal(err)
	}
	pieces, _ := s.Pieces()
	s.Close()
	for _, p := range pieces {
		tt.demoURLs = append(tt.demoURLs, p.URL)
	}
	return tt
}

// makeBundle writes a bundle of n pieces of about size bytes each, from a
// notebook of its own, and returns it with its pieces.
func (tt *torture) makeBundle(name string, n, size int) tortureBundle {
	t := tt.t
	src := filepath.Join(t.TempDir(), name)
	b := tortureBundle{path: filepath.Join(tt.work, name+".zip"), pieces: map[string]string{}}
	var files []string
	for i := range n {
		text := fmt.Sprintf("Bundle %s, piece %d\n\n%s", name, i, repeatTo(fmt.Sprintf("Lorries from %s wait at the border, day %d. ", name, i), size))
		files = append(files, writeFile(t, fmt.Sprintf("%s-%d.txt", name, i), strings.TrimSpace(text)))
	}
	for i, id := range strings.Fields(mustRun(t, src, append([]string{"import"}, files...)...)) {
		data, _ := os.ReadFile(files[i])
		b.pieces[id] = string(data)
	}
	mustRun(t, src, "export", "--out", b.path)
	return b
}

// step runs one command, killing it at a random instant, and after a kill
// opens the notebook again.
func (tt *torture) step() {
	op := tt.nextOp()
	dir := op.dir
	if dir == "" {
		dir = tt.dir
	}
	killed, acked := tt.run(op, dir)
	switch {
	case op.after != nil:
		op.after(killed, acked)
	case killed:
		tt.openAfterKill(dir)
	}
}

// run runs op on the notebook in dir, killed at a random instant within
// the time it took before (it may finish first), and reports whether it
// was killed and whether it acknowledged its write.
func (tt *torture) run(op tortureOp, dir string) (killed, acked bool) {
	t := tt.t
	tt.commands++
	cmd := cliCommand(os.Args[0], dir, op.args...)
	cmd.Env = append(cmd.Env, op.env...)
	var out, errOut bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(op.stdin), &out, &errOut
	took, ok := tt.took[op.name]
	if !ok {
		took = 200 * time.Millisecond
	}
	// Past the time it took too, now and then: the kill then finds it
	// closing the notebook after its acknowledgement, or finished.
	delay := time.Duration(tt.rng.Float64() * 1.3 * float64(took))
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(delay):
		cmd.Process.Kill()
		<-done
	}
	killed = cmd.ProcessState.ExitCode() == -1 // ended by a signal
	code := cmd.ProcessState.ExitCode()
	// A running estimate of how long the command takes, for choosing when
	// to kill the next: it grows while kills come first, so that some
	// runs finish (and acknowledge) and some are killed after that.
	if killed {
		tt.took[op.name] = took * 9 / 8
	} else {
		tt.took[op.name] = (3*took + time.Since(start)) / 4
	}
	acked = op.ack(out.String())
	switch {
	case killed:
		tt.kills++
		tt.killsOf[op.name]++
		if acked {
			tt.killedAfterAck++
		}
	case code == ExitOK && !acked:
		t.Errorf("%s: exit 0 but printed no success: %q", op.name, out.String())
	case code != ExitOK && (op.refusal == "" || !strings.Contains(errOut.String(), op.refusal)):
		tt.failures = append(tt.failures, fmt.Sprintf("%s %q: exit %d: %s", op.name, op.args, code, strings.TrimSpace(errOut.String())))
	}
	if acked {
		tt.acked++
	}
	return killed, acked
}

// openAfterKill opens the notebook in dir the way the next command does,
// and checks it: a crash must never make an open fail.
func (tt *torture) openAfterKill(dir string) {
	tt.opens++
	code, out, errOut := runChild(tt.t, cliCommand(os.Args[0], dir, "check"))
	if code != ExitOK || !strings.HasSuffix(out, "ok\n") {
		tt.failures = append(tt.failures, fmt.Sprintf("check after a kill: exit %d: %s%s", code, out, errOut))
	}
}

// nextOp picks the next command, by weight, among those the notebook
// has what they need for.
func (tt *torture) nextOp() tortureOp {
	type choice struct {
		weight int
		op     func() tortureOp
	}
	choices := []choice{
		{8, tt.opNote}, {6, tt.opAnnotate}, {5, tt.opClaim}, {5, tt.opImportFiles}, {3, tt.opImportBundle},
		{3, tt.opRelation}, {2, tt.opExport}, {1, tt.opExportMarkdown}, {1, tt.opDemo}, {1, tt.opDemoNewNotebook}, {2, tt.opRead},
		{2, tt.opBackup}, {1, tt.opEncrypt},
	}
	if len(tt.linkable()) >= 2 {
		choices = append(choices, choice{6, tt.opLink})
	}
	if len(tt.editable()) > 0 {
		choices = append(choices, choice{4, tt.opEditText})
	}
	if len(tt.deletable()) > 0 {
		choices = append(choices, choice{3, tt.opDelete})
	}
	total := 0
	for _, c := range choices {
		total += c.weight
	}
	n := tt.rng.IntN(total)
	for _, c := range choices {
		if n -= c.weight; n < 0 {
			return c.op()
		}
	}
	panic("unreachable")
}

func (tt *torture) next() int { tt.seq++; return tt.seq }

// ackID reads the one id a command prints for what it made.
func ackID(stdout string, record func(id string)) bool {
	id := strings.TrimSpace(stdout)
	if !storage.ValidID(id) {
		return false
	}
	record(id)
	return true
}

func (tt *torture) opNote() tortureOp {
	n := tt.next()
	body := fmt.Sprintf("Torture note %d: the trucks waited at the bridge until dawn.", n)
	args := []string{"note", "--tag", "torture", body}
	if n%5 == 0 {
		// Long enough to go to the value log, as a long text does.
		body = repeatTo(fmt.Sprintf("Torture note %d, from a file. ", n), 40<<10)
		args = []string{"note", "--file", writeFile(tt.t, fmt.Sprintf("note%d.txt", n), body)}
	}
	return tortureOp{name: "note", args: args, ack: func(out string) bool {
		return ackID(out, func(id string) { tt.notes[id] = strings.TrimSpace(body) })
	}}
}

func (tt *torture) opAnnotate() tortureOp {
	n := tt.next()
	piece := tt.basePieces[tt.rng.IntN(len(tt.basePieces))]
	var quotes []string
	for _, q := range tt.quotes {
		if strings.Contains(tt.pieces[piece][0], q) {
			quotes = append(quotes, q)
		}
	}
	quote := quotes[tt.rng.IntN(len(quotes))]
	note := fmt.Sprintf("torture annotation %d", n)
	return tortureOp{name: "annotate", args: []string{"annotate", "--piece", piece, "--quote", quote, "--note", note}, ack: func(out string) bool {
		return ackID(out, func(id string) {
			tt.anns[id] = annotationWant{piece, quote, note}
		})
	}}
}

func (tt *torture) opClaim() tortureOp {
	n := tt.next()
	statement := fmt.Sprintf("Torture claim %d: Beijing wants the door kept shut.", n)
	args := []string{"claim"}
	var evidence []string
	for id := range tt.anns {
		if len(evidence) < 2 && tt.rng.IntN(3) == 0 {
			evidence = append(evidence, id)
			args = append(args, "--evidence", id)
		}
	}
	args = append(args, statement)
	return tortureOp{name: "claim", args: args, ack: func(out string) bool {
		return ackID(out, func(id string) { tt.claims[id] = storage.Claim{Statement: statement, Evidence: evidence} })
	}}
}

// linkable are the items a link may join: acknowledged, and not being
// deleted.
func (tt *torture) linkable() []string {
	var ids []string
	for _, m := range []map[string]bool{keys(tt.anns), keys(tt.claims), keys(tt.notes)} {
		for id := range m {
			if !tt.deleting[id] {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids) // map order is random; the run is not
	return ids
}

func (tt *torture) opLink() tortureOp {
	ids := tt.linkable()
	from := ids[tt.rng.IntN(len(ids))]
	to := ids[tt.rng.IntN(len(ids))]
	for to == from {
		to = ids[tt.rng.IntN(len(ids))]
	}
	rels := append([]string{"supports", "contradicts", "qualifies"}, tt.relations...)
	rel := rels[tt.rng.IntN(len(rels))]
	return tortureOp{name: "link", args: []string{"link", "--rel", rel, from, to}, refusal: "already linked", ack: func(out string) bool {
		return ackID(out, func(id string) { tt.links[id] = storage.Link{From: from, To: to, Rel: rel} })
	}}
}

// editable are the pieces the torture imported from files: nothing
// quotes them, so their texts may change freely.
func (tt *torture) editable() []string {
	var ids []string
	for id := range tt.pieces {
		if !slices.Contains(tt.basePieces, id) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

func (tt *torture) opEditText() tortureOp {
	ids := tt.editable()
	piece := ids[tt.rng.IntN(len(ids))]
	n := tt.next()
	text := fmt.Sprintf("Torture piece, edited %d\n\nThe trucks wait at the bridge at Termez, edit %d.", n, n)
	file := writeFile(tt.t, fmt.Sprintf("edit%d.txt", n), text)
	// Killed unacknowledged, the edit may have been made: the piece may
	// hold either text from now on.
	tt.pieces[piece] = append(tt.pieces[piece], text)
	return tortureOp{name: "edit-text", args: []string{"edit-text", "--piece", piece, "--file", file}, ack: func(out string) bool {
		if !strings.HasPrefix(out, "anchored") && !strings.HasPrefix(out, "the text is unchanged") {
			return false
		}
		tt.pieces[piece] = []string{text}
		return true
	}}
}

func (tt *torture) opImportFiles() tortureOp {
	var files, texts []string
	for range 1 + tt.rng.IntN(3) {
		n := tt.next()
		text := fmt.Sprintf("Torture piece %d\n\nThe trucks wait at the bridge at Termez, day %d.", n, n)
		files = append(files, writeFile(tt.t, fmt.Sprintf("piece%d.txt", n), text))
		texts = append(texts, text)
	}
	return tortureOp{name: "import files", args: append([]string{"import"}, files...), ack: func(out string) bool {
		// One id a line, in the order of the files: each printed is
		// acknowledged, even if the process died before the next.
		lines := strings.SplitAfter(out, "\n")
		for i, line := range lines {
			if id := strings.TrimSpace(line); storage.ValidID(id) && strings.HasSuffix(line, "\n") && i < len(texts) {
				tt.pieces[id] = []string{texts[i]}
			}
		}
		return storage.ValidID(strings.TrimSpace(lines[0]))
	}}
}

func (tt *torture) opImportBundle() tortureOp {
	b := &tt.bundles[tt.rng.IntN(len(tt.bundles))]
	name := "import bundle"
	if b.staged {
		name = "import bundle (staged)"
	}
	return tortureOp{name: name, args: []string{"import", b.path}, ack: func(out string) bool {
		if !strings.HasPrefix(out, "added ") {
			return false
		}
		b.acked = true
		return true
	}}
}

func (tt *torture) opRelation() tortureOp {
	name := fmt.Sprintf("torture-%d", tt.next())
	return tortureOp{name: "relation", args: []string{"relation", name}, ack: func(out string) bool {
		if strings.TrimSpace(out) != name {
			return false
		}
		tt.relations = append(tt.relations, name)
		return true
	}}
}

// deletable are the notes and links the torture made and acknowledged:
// deleting them takes nothing else the torture counts on (a note's links
// go with it, and are set aside too).
func (tt *torture) deletable() []string {
	var ids []string
	for _, m := range []map[string]bool{keys(tt.notes), keys(tt.links)} {
		for id := range m {
			if !tt.deleting[id] {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	return ids
}

func (tt *torture) opDelete() tortureOp {
	ids := tt.deletable()
	id := ids[tt.rng.IntN(len(ids))]
	// From now on it may be gone, acknowledged or not; so may the links
	// a note takes with it.
	tt.deleting[id] = true
	delete(tt.notes, id)
	delete(tt.links, id)
	for lid, l := range tt.links {
		if l.From == id || l.To == id {
			tt.deleting[lid] = true
			delete(tt.links, lid)
		}
	}
	return tortureOp{name: "delete", args: []string{"delete", id}, ack: func(out string) bool {
		if !strings.HasPrefix(out, "deleted the ") {
			return false
		}
		tt.deleted[id] = true
		return true
	}}
}

func (tt *torture) opExport() tortureOp {
	path := filepath.Join(tt.work, "exports", fmt.Sprintf("share-%d.zip", tt.rng.IntN(3)))
	return tortureOp{name: "export", args: []string{"export", "--out", path}, ack: func(out string) bool {
		if !strings.HasPrefix(out, "exported ") {
			return false
		}
		tt.exports[path] = true
		return true
	}}
}

func (tt *torture) opExportMarkdown() tortureOp {
	path := filepath.Join(tt.work, "exports", fmt.Sprintf("md-%d", tt.next()))
	return tortureOp{name: "export --markdown", args: []string{"export", "--markdown", path}, ack: func(out string) bool {
		if !strings.HasPrefix(out, "exported ") {
			return false
		}
		tt.exports[path] = true
		return true
	}}
}

func (tt *torture) opDemo() tortureOp {
	return tortureOp{name: "demo", args: []string{"demo"}, refusal: "already in this notebook", ack: func(out string) bool {
		if !strings.HasPrefix(out, "added the demo") {
			return false
		}
		tt.demoAcked = true
		return true
	}}
}

// opDemoNewNotebook adds the demo to a notebook it creates, killed at
// random — often while the notebook's files are being made — then opens
// what it left, and adds the demo again: a notebook a kill cut short in
// its making must open, or be made anew.
func (tt *torture) opDemoNewNotebook() tortureOp {
	dir := filepath.Join(tt.work, fmt.Sprintf("new-%d", tt.next()))
	return tortureOp{name: "demo into a new notebook", dir: dir, args: []string{"demo"},
		ack: func(out string) bool { return strings.HasPrefix(out, "added the demo") },
		after: func(killed, acked bool) {
			if killed && storage.Exists(dir) {
				tt.openAfterKill(dir)
			}
			code, _, errOut := runChild(tt.t, cliCommand(os.Args[0], dir, "demo"))
			switch {
			case code == ExitOK && acked:
				tt.lost++
				tt.t.Errorf("the acknowledged demo was not in the new notebook")
			case code != ExitOK && !strings.Contains(errOut, "already in this notebook"):
				tt.failures = append(tt.failures, fmt.Sprintf("demo into a notebook a kill cut short: exit %d: %s", code, errOut))
			}
			os.RemoveAll(dir)
		}}
}

// opBackup writes a backup to a file of its own, or a rolling one into a
// folder that keeps the newest three.
func (tt *torture) opBackup() tortureOp {
	args := []string{"backup", "--to", filepath.Join(tt.work, "rolling"), "--keep", "3"}
	if tt.rng.IntN(2) == 0 {
		args = []string{"backup", "--out", filepath.Join(tt.work, fmt.Sprintf("b-%d.cpbackup", tt.next()))}
	}
	return tortureOp{name: "backup", args: args, ack: func(out string) bool {
		path, ok := strings.CutPrefix(strings.TrimSpace(out), "backed up to ")
		if ok && !strings.Contains(path, "rolling") {
			tt.backups = append(tt.backups, path)
		}
		return ok
	}}
}

// torturePassphrase encrypts the notebooks opEncrypt makes.
const torturePassphrase = "correct horse battery"

// opEncrypt encrypts a notebook holding the demo, killed at random — the
// notebook is copied encrypted and the copy swapped in — then opens what
// it left: the notebook must open, plain or encrypted (encrypted if the
// command acknowledged), with the demo whole.
func (tt *torture) opEncrypt() tortureOp {
	dir := filepath.Join(tt.work, fmt.Sprintf("enc-%d", tt.next()))
	mustRun(tt.t, dir, "demo")
	want := notebookDump(tt.t, dir)
	return tortureOp{name: "encrypt", dir: dir, args: []string{"encrypt"}, env: []string{envPassphrase + "=" + torturePassphrase},
		ack: func(out string) bool { return strings.HasPrefix(out, "encrypted ") },
		after: func(killed, acked bool) {
			defer os.RemoveAll(dir)
			// Opened as the next command opens it: with the passphrase
			// (ignored if the notebook is plain).
			cmd := cliCommand(os.Args[0], dir, "check")
			cmd.Env = append(cmd.Env, envPassphrase+"="+torturePassphrase)
			if code, out, errOut := runChild(tt.t, cmd); code != ExitOK || !strings.HasSuffix(out, "ok\n") {
				tt.failures = append(tt.failures, fmt.Sprintf("check after encrypt was killed: exit %d: %s%s", code, out, errOut))
				return
			}
			if acked && !storage.IsEncrypted(dir) {
				tt.lost++
				tt.t.Errorf("an acknowledged encryption left the notebook plain")
			}
			if got := notebookDump(tt.t, dir, storage.WithPassphrase([]byte(torturePassphrase))); got != want {
				tt.corrupted++
				tt.t.Errorf("encrypting changed the notebook:\nbefore %.300s\nafter  %.300s", want, got)
			}
		}}
}

// opRead lists the pieces: a read, killed too — after a crash a read
// may be what finishes Badger's recovery.
func (tt *torture) opRead() tortureOp {
	return tortureOp{name: "pieces", args: []string{"pieces", "--json"}, ack: func(out string) bool { return strings.HasPrefix(out, "[") }}
}

// verify opens the notebook as the next command would, and checks every
// acknowledged write, then what the kills left behind.
func (tt *torture) verify() {
	t := tt.t
	s, err := storage.OpenExisting(tt.dir)
	if err != nil {
		t.Fatalf("the open after the torture failed: %v", err)
	}
	missing := func(what, id string, err error) {
		tt.lost++
		t.Errorf("acknowledged %s %s is gone: %v", what, id, err)
	}
	wrong := func(what, id string, got, want any) {
		tt.corrupted++
		t.Errorf("acknowledged %s %s holds %.200v, want %.200v", what, id, got, want)
	}
	for id, body := range tt.notes {
		if n, err := s.Note(id); err != nil {
			missing("note", id, err)
		} else if n.Body != body {
			wrong("note", id, n.Body, body)
		}
	}
	for id, want := range tt.claims {
		if c, err := s.Claim(id); err != nil {
			missing("claim", id, err)
		} else if c.Statement != want.Statement || !slices.Equal(nonNil(c.Evidence), nonNil(want.Evidence)) {
			wrong("claim", id, c, want)
		}
	}
	for id, want := range tt.anns {
		if a, err := s.Annotation(id); err != nil {
			missing("annotation", id, err)
		} else if a.PieceID != want.piece || a.Selector.Exact != want.exact || a.Note != want.note {
			wrong("annotation", id, a, want)
		}
	}
	for id, want := range tt.links {
		if l, err := s.Link(id); err != nil {
			missing("link", id, err)
		} else if l.From != want.From || l.To != want.To || l.Rel != want.Rel {
			wrong("link", id, l, want)
		}
	}
	for id, texts := range tt.pieces {
		if text, err := s.PieceText(id); err != nil {
			missing("piece", id, err)
		} else if !slices.Contains(texts, text) {
			wrong("piece", id, text, texts)
		}
	}
	for _, b := range tt.bundles {
		present := 0
		for id, want := range b.pieces {
			text, err := s.PieceText(id)
			switch {
			case errors.Is(err, storage.ErrNotFound) && !b.acked:
			case err != nil:
				missing("piece of "+filepath.Base(b.path), id, err)
			case text != want:
				wrong("piece of "+filepath.Base(b.path), id, text, want)
			default:
				present++
			}
		}
		if present != 0 && present != len(b.pieces) {
			tt.corrupted++
			t.Errorf("%d of the %d pieces of %s came in: an import is all or nothing", present, len(b.pieces), filepath.Base(b.path))
		}
	}
	for _, name := range tt.relations {
		if _, err := s.Relation(name); err != nil {
			missing("relation", name, err)
		}
	}
	for id := range tt.deleted {
		if _, err := s.KindOf(id); !errors.Is(err, storage.ErrNotFound) {
			tt.corrupted++
			t.Errorf("acknowledged delete of %s: still there (%v)", id, err)
		}
	}
	pieces, err := s.Pieces()
	if err != nil {
		t.Fatal(err)
	}
	demo := 0
	for _, p := range pieces {
		if p.URL != "" && slices.Contains(tt.demoURLs, p.URL) {
			demo++
		}
	}
	if demo != 0 && demo != len(tt.demoURLs) || tt.demoAcked && demo == 0 {
		tt.corrupted++
		t.Errorf("%d of the demo's %d pieces are in the notebook (acknowledged: %v)", demo, len(tt.demoURLs), tt.demoAcked)
	}
	if rep, err := s.Check(); err != nil || !rep.OK() {
		t.Errorf("check after the torture: %v %v", rep.Problems, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	tt.verifyExports()
	tt.verifyBackups()
	tt.verifyNoLeftovers()
}

// verifyBackups restores every acknowledged backup, and every one in the
// rolling folder, into a new notebook that must pass check; the partial
// files killed backups left in the rolling folder must go with the next
// backup there, once old enough not to be another's under way.
func (tt *torture) verifyBackups() {
	t := tt.t
	rolling := filepath.Join(tt.work, "rolling")
	kept, _ := storage.Backups(rolling)
	for _, path := range append(kept, tt.backups...) {
		dir := filepath.Join(t.TempDir(), "restored")
		if code, _, errOut := run(t, dir, "restore", "--from", path); code != ExitOK {
			tt.corrupted++
			t.Errorf("the backup %s does not restore: %s", filepath.Base(path), errOut)
			continue
		}
		checkPasses(t, dir)
	}
	entries, _ := os.ReadDir(rolling)
	long := time.Now().Add(-time.Hour)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".partial") {
			tt.partials++
			os.Chtimes(filepath.Join(rolling, e.Name()), long, long)
		}
	}
	mustRun(t, tt.dir, "backup", "--to", rolling, "--keep", "3")
	entries, _ = os.ReadDir(rolling)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".partial") {
			t.Errorf("the next backup left %s", e.Name())
		}
	}
}

// verifyExports reads every acknowledged export back, and has the
// partial files killed exports left removed the way they are: by the next
// export to the same name, once old enough not to be another's under way.
func (tt *torture) verifyExports() {
	t := tt.t
	for path := range tt.exports {
		code, _, errOut := run(t, filepath.Join(t.TempDir(), "reader"), "import", "--dry-run", path)
		if code != ExitOK {
			tt.corrupted++
			t.Errorf("the acknowledged export %s does not read back: %s", filepath.Base(path), errOut)
		}
	}
	exports := filepath.Join(tt.work, "exports")
	again := map[string][]string{} // export to run again → its command line
	long := time.Now().Add(-time.Hour)
	filepath.WalkDir(exports, func(p string, d os.DirEntry, err error) error {
		if err == nil {
			os.Chtimes(p, long, long)
		}
		return nil
	})
	entries, _ := os.ReadDir(exports)
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasSuffix(name, ".partial"): // .share-1.zip.123.partial
			target := strings.TrimPrefix(name[:strings.LastIndex(name[:len(name)-len(".partial")], ".")], ".")
			again[target] = []string{"export", "--out", filepath.Join(exports, target)}
		case strings.Contains(name, ".partial-"): // .md-7.partial-123
			target := strings.TrimPrefix(name[:strings.Index(name, ".partial-")], ".")
			again[target] = []string{"export", "--markdown", filepath.Join(exports, target)}
		default:
			continue
		}
		tt.partials++
	}
	for target, args := range again {
		if p := filepath.Join(exports, target); strings.HasPrefix(target, "md-") {
			os.RemoveAll(p) // a Markdown export goes to a new folder only
		}
		mustRun(t, tt.dir, args...)
	}
	entries, _ = os.ReadDir(exports)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".partial") {
			t.Errorf("the next export left %s", e.Name())
		}
	}
}

// verifyNoLeftovers checks that the notebook's folder holds the notebook
// and nothing a kill left: no copy of a staged import, no replaced store,
// no empty log — the open in verify has cleaned what a start cleans.
func (tt *torture) verifyNoLeftovers() {
	t := tt.t
	entries, _ := os.ReadDir(tt.dir)
	for _, e := range entries {
		if e.Name() != "store" {
			t.Errorf("the notebook folder holds %s after an open", e.Name())
		}
	}
	entries, _ = os.ReadDir(filepath.Join(tt.dir, "store"))
	for _, e := range entries {
		info, err := e.Info()
		if err == nil && info.Size() == 0 && (strings.HasSuffix(e.Name(), ".vlog") || strings.HasSuffix(e.Name(), ".mem")) {
			t.Errorf("store/%s is an empty log a crash left", e.Name())
		}
	}
}

func keys[V any](m map[string]V) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}
