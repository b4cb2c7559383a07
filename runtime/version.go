package runtime

// EnforceVersion is used by generated code to check, at compile time, that
// it was generated for a version of this package that this package supports.
// Every file that einetc generates contains
//
//	const (
//		_ = einrt.EnforceVersion(genVersion - einrt.MinVersion)
//		_ = einrt.EnforceVersion(einrt.MaxVersion - genVersion)
//	)
//
// where genVersion is the [Version] of the runtime that the generator
// targeted. EnforceVersion is unsigned, so a negative constant does not
// convert to it and a mismatch is a build error rather than a wrong
// simulation:
//
//	constant -1 overflows EnforceVersion
//
// The first line fails when the generated code is older than this runtime
// still supports; the second when it is newer than this runtime. The fix in
// both cases is to regenerate the code with the einetc that matches this
// runtime, which is the einetc of the same module version, the module's
// tool (go get -tool github.com/einetc/einetc/cmd/einetc):
//
//	go tool einetc compile net.ein
//
// This is the pattern of google.golang.org/protobuf/runtime/protoimpl.
type EnforceVersion uint

// The versions of the contract between generated code and this package.
const (
	// MinVersion is the oldest generator version whose output this
	// package still supports.
	MinVersion = 1
	// MaxVersion is the newest generator version whose output this
	// package supports.
	MaxVersion = 6
	// Version is the version that the einetc generator of this module
	// targets; it lies in [MinVersion, MaxVersion].
	Version = 6
)

// Compile-time checks that Version lies in [MinVersion, MaxVersion].
const (
	_ = EnforceVersion(Version - MinVersion)
	_ = EnforceVersion(MaxVersion - Version)
)
