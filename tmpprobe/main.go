package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/einetc/einetc/analysis"
)

func main() {
	f, _ := os.Open(os.Args[1])
	sc := bufio.NewScanner(f)
	var s analysis.Spikes
	sc.Scan()
	for sc.Scan() {
		a, b, _ := strings.Cut(sc.Text(), ",")
		t, _ := strconv.ParseFloat(a, 64)
		n, _ := strconv.Atoi(b)
		s.T = append(s.T, t)
		s.Neuron = append(s.Neuron, int32(n))
	}
	to, _ := strconv.ParseFloat(os.Args[2], 64)
	p := analysis.DefaultParams(analysis.DefaultFrom(to), to)
	for _, g := range [][2]int{{0, 4000}, {0, 3200}, {3200, 800}} {
		st := time.Now()
		r, err := analysis.Analyze(s, g[0], g[1], p)
		if err != nil {
			panic(err)
		}
		b, _ := json.Marshal(r)
		fmt.Println(time.Since(st), string(b))
	}
}
