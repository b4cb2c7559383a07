// exp.cc: ns per call of libm's exp in the loop of the runtime's
// BenchmarkExp and BenchmarkMathExp (runtime/fastexp_test.go), compiled with
// Brian2's default flags, to compare the cost of one exponential:
//
//	g++ -O3 -ffast-math -fno-finite-math-only -march=native -o /tmp/exp bench/micro/exp.cc && /tmp/exp
//	go test -run '^$' -bench 'Exp$|Exprel' ./runtime
#include <chrono>
#include <cmath>
#include <cstdio>

int main() {
	const long n = 200000000;
	double x = 0, s = 0;
	auto t0 = std::chrono::steady_clock::now();
	for (long i = 0; i < n; i++) {
		s += std::exp(x);
		x += 1e-3;
		if (x > 5) x = -5;
	}
	auto t1 = std::chrono::steady_clock::now();
	double ns = std::chrono::duration<double, std::nano>(t1 - t0).count() / n;
	std::printf("libm exp: %.2f ns/call (checksum %g)\n", ns, s);
	return 0;
}
