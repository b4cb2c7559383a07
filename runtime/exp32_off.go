//go:build !(goexperiment.simd && amd64)

package runtime

// f32Lanes is the width of the float32 kernels: 1 without the SIMD build.
func f32Lanes() int { return lanes32 }

// kernelWidths32 lists the kernel widths this build can run: the scalar code.
func kernelWidths32() []int { return []int{1} }

// forceLanes32 selects the kernel of the given width: only 1 here.
func forceLanes32(int) func() { return func() {} }

// kernel32 is the vector kernel: none in this build.
func kernel32([]float32, int) int { return 0 }
