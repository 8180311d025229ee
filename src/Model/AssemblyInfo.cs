using System.Runtime.CompilerServices;

// The tests force each SIMD path through internal overloads, and the benchmarks time them one by one.
[assembly: InternalsVisibleTo("LocalSgdVerify.Tests")]
[assembly: InternalsVisibleTo("LocalSgdVerify.StatisticalTests")]
[assembly: InternalsVisibleTo("LocalSgdVerify.QualityTests")]
[assembly: InternalsVisibleTo("LocalSgdVerify.Benchmarks")]
// The statistics built on Model.Statistics (intervals, designs, budgets) check their arguments with its Require.
[assembly: InternalsVisibleTo("LocalSgdVerify.Checks")]
