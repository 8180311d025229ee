using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using LocalSgdVerify.Validation.Protocol;

namespace LocalSgdVerify.Tests.Protocol;

/// <summary>
/// Generators of random protocol messages. Doubles are built from integers (m · 2^e with |m| ≤ 2²⁰ and
/// −1094 ≤ e ≤ 1000), so they are always finite yet span subnormals to 1e307; strings mix JSON-hostile characters.
/// </summary>
internal static class MessageGenerators
{
    private static readonly string[] StringPieces =
        ["a", "Z", "0", " ", "_", "\"", "\\", "/", "\n", "\r", "\t", "\u0001", "é", "€", "😀", "<", "&", "NaN", "{}", "]"];

    internal static Gen<double> FiniteDouble { get; } =
        Gen.OneOf(
            Gen.Choose(-1000, 1000).Select(integer => integer / 8.0),
            from mantissa in Gen.Choose(-(1 << 20), 1 << 20)
            from exponent in Gen.Choose(-1094, 1000)
            select Math.ScaleB(mantissa, exponent),
            Gen.Elements(0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 0.1, 1.0 / 3.0));

    internal static Gen<string> Text { get; } =
        from count in Gen.Choose(0, 8)
        from pieces in Gen.ArrayOf(Gen.Elements(StringPieces), count)
        select string.Concat(pieces);

    internal static Gen<double[]> Vector(int length) => Gen.ArrayOf(FiniteDouble, length);

    internal static Gen<double[]> AnyVector { get; } = Gen.Choose(0, 6).SelectMany(Vector);

    internal static Gen<double[][]> AnyMatrix { get; } =
        from rows in Gen.Choose(0, 4)
        from columns in Gen.Choose(0, 4)
        from matrix in Gen.ArrayOf(Vector(columns), rows)
        select matrix;

    internal static Gen<int> AnyInt { get; } =
        Gen.OneOf(Gen.Choose(-5, 1000), Gen.Elements(int.MinValue, int.MaxValue, 0, 1));

    internal static Gen<int[]> IntArray { get; } = Gen.Choose(0, 6).SelectMany(count => Gen.ArrayOf(AnyInt, count));

    internal static Gen<IReadOnlyList<string>> StringList { get; } =
        Gen.Choose(0, 3).SelectMany(count => Gen.ArrayOf(Text, count)).Select(items => (IReadOnlyList<string>)items);

    /// <summary>A small JSON object with numbers, an array, a string and a nested object, written by hand.</summary>
    internal static Gen<JsonElement> Parameters { get; } =
        from period in AnyInt
        from scale in FiniteDouble
        from values in AnyVector
        from name in Text
        select ProtocolJson.Object(
            "{\"period\":" + period.ToString(CultureInfo.InvariantCulture)
            + ",\"scale\":" + scale.ToString("R", CultureInfo.InvariantCulture)
            + ",\"a\":[" + string.Join(",", values.Select(value => value.ToString("R", CultureInfo.InvariantCulture))) + "]"
            + ",\"name\":" + JsonSerializer.Serialize(name)
            + ",\"nested\":{\"flag\":true,\"nothing\":null}}");

    internal static Gen<CommunicationSchedule> Schedule { get; } =
        from kind in Text
        from parameters in Parameters
        from syncSteps in IntArray
        select new CommunicationSchedule(kind, parameters, syncSteps);

    private static Gen<int?> OptionalInt { get; } = Gen.OneOf(Gen.Constant<int?>(null), AnyInt.Select(value => (int?)value));

    // The fields a gradient and a query share (one worker's vector at a step), and a batch's (every worker's at a step).
    private static Gen<(int Step, int Worker, double[] Vector)> StepWorkerVector { get; } =
        from step in AnyInt
        from worker in AnyInt
        from vector in AnyVector
        select (step, worker, vector);

    private static Gen<(int Step, double[][] Matrix)> StepMatrix { get; } =
        from step in AnyInt
        from matrix in AnyMatrix
        select (step, matrix);

    internal static Gen<HarnessMessage> HarnessMessage { get; } = Gen.OneOf(
        from version in Text
        from harness in Text
        from modes in StringList
        select (HarnessMessage)new HarnessHello(version, harness, modes),
        from runId in Text
        from dimension in AnyInt
        from workers in AnyInt
        from steps in AnyInt
        from x0 in AnyVector
        from stepSizes in AnyVector
        from schedule in Schedule
        from output in Text
        select (HarnessMessage)new RunMessage(runId, dimension, workers, steps, x0, stepSizes, schedule, output),
        from runId in Text
        from family in Text
        from parameters in Parameters
        from dimension in AnyInt
        from workers in AnyInt
        from steps in AnyInt
        from x0 in AnyVector
        from stepSizes in AnyVector
        from schedule in Schedule
        from seed in Gen.Choose(0, int.MaxValue)
        from output in Text
        select (HarnessMessage)new BlackboxRunMessage(runId, new ProblemDescription(family, parameters), dimension, workers, steps,
            x0, stepSizes, schedule, (long)seed * 4_000_000_007L, output),
        StepWorkerVector.Select(draw => (HarnessMessage)new GradientMessage(draw.Step, draw.Worker, draw.Vector)),
        StepMatrix.Select(draw => (HarnessMessage)new GradientsMessage(draw.Step, draw.Matrix)),
        from code in Text
        from message in Text
        select (HarnessMessage)new HarnessErrorMessage(code, message),
        Gen.Constant((HarnessMessage)new ShutdownMessage()));

    internal static Gen<ImplementationMessage> ImplementationMessage { get; } = Gen.OneOf(
        from version in Text
        from name in Text
        from implementationVersion in Text
        from supports in StringList
        from batch in Gen.Elements(true, false)
        select (ImplementationMessage)new ImplementationHello(version, name, implementationVersion, supports, batch),
        StepWorkerVector.Select(draw => (ImplementationMessage)new QueryMessage(draw.Step, draw.Worker, draw.Vector)),
        StepMatrix.Select(draw => (ImplementationMessage)new QueryBatchMessage(draw.Step, draw.Matrix)),
        from step in AnyInt
        from workers in Gen.OneOf(Gen.Constant<int[]?>(null), IntArray.Select(array => (int[]?)array))
        select (ImplementationMessage)new SyncMessage(step, workers),
        from runId in Text
        from x in AnyVector
        from rounds in OptionalInt
        select (ImplementationMessage)new ResultMessage(runId, x, rounds),
        Text.Select(text => (ImplementationMessage)new LogMessage(text)),
        Text.Select(text => (ImplementationMessage)new ImplementationErrorMessage(text)));
}
