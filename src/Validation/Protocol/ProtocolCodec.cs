using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LocalSgdVerify.Validation.Protocol;

/// <summary>
/// JSON Lines codec of protocol version 1: one JSON object per line, snake_case field names, a <c>"type"</c>
/// discriminator. Doubles are written in the shortest form that parses back to the same bits (System.Text.Json's
/// round-trip formatting), so a vector crosses the wire bit for bit. Decoding rejects NaN/±∞ and reports each
/// defect as a named <see cref="ProtocolError"/> inside a <see cref="ProtocolException"/>.
/// </summary>
public static class ProtocolCodec
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Relaxed escaping keeps lines readable for humans; control characters and quotes are still escaped, so a line never breaks.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static readonly JsonDocumentOptions ReaderOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
        MaxDepth = 16,
    };

    /// <summary>Encodes a harness message as one line of JSON (without the newline).</summary>
    /// <exception cref="ProtocolException">A vector holds NaN or ±∞ (<see cref="NonFiniteValue"/>).</exception>
    public static string Encode(HarnessMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Write(MessageKinds.WireName(message.Kind), writer =>
        {
            switch (message)
            {
                case HarnessHello hello:
                    writer.WriteString("protocol_version", hello.ProtocolVersion);
                    writer.WriteString("harness_version", hello.HarnessVersion);
                    WriteStrings(writer, "modes", hello.Modes);
                    break;
                case RunMessage run:
                    writer.WriteString("run_id", run.RunId);
                    writer.WriteString("mode", ProtocolConstants.OracleMode);
                    WriteRunBody(writer, "run", run.Dimension, run.Workers, run.Steps, run.X0, run.StepSizes, run.Schedule);
                    writer.WriteString("output", run.Output);
                    break;
                case BlackboxRunMessage run:
                    writer.WriteString("run_id", run.RunId);
                    writer.WriteString("mode", ProtocolConstants.BlackboxMode);
                    writer.WriteStartObject("problem");
                    writer.WriteString("family", run.Problem.Family);
                    writer.WritePropertyName("parameters");
                    run.Problem.Parameters.WriteTo(writer);
                    writer.WriteEndObject();
                    WriteRunBody(writer, "run_blackbox", run.Dimension, run.Workers, run.Steps, run.X0, run.StepSizes, run.Schedule);
                    writer.WriteNumber("seed", run.Seed);
                    writer.WriteString("output", run.Output);
                    break;
                case GradientMessage gradient:
                    writer.WriteNumber("step", gradient.Step);
                    writer.WriteNumber("worker", gradient.Worker);
                    WriteVector(writer, "gradient.g", "g", gradient.G);
                    break;
                case GradientsMessage gradients:
                    writer.WriteNumber("step", gradients.Step);
                    WriteMatrix(writer, "gradients.g", "g", gradients.G);
                    break;
                case HarnessErrorMessage error:
                    writer.WriteString("code", error.Code);
                    writer.WriteString("message", error.Message);
                    break;
                case ShutdownMessage:
                    break;
                default:
                    throw new ArgumentException($"Unknown harness message {message.GetType().Name}.", nameof(message));
            }
        });
    }

    /// <summary>Encodes an implementation message as one line of JSON (used by in-process implementations and tests).</summary>
    /// <exception cref="ProtocolException">A vector holds NaN or ±∞ (<see cref="NonFiniteValue"/>).</exception>
    public static string Encode(ImplementationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = message is UnknownImplementationMessage unknown ? unknown.Type : MessageKinds.WireName(message.Kind);
        return Write(type, writer =>
        {
            switch (message)
            {
                case ImplementationHello hello:
                    writer.WriteString("protocol_version", hello.ProtocolVersion);
                    writer.WriteString("implementation", hello.Implementation);
                    writer.WriteString("version", hello.Version);
                    WriteStrings(writer, "supports", hello.Supports);
                    writer.WriteBoolean("batch_gradients", hello.BatchGradients);
                    break;
                case QueryMessage query:
                    writer.WriteNumber("step", query.Step);
                    writer.WriteNumber("worker", query.Worker);
                    WriteVector(writer, "query.x", "x", query.X);
                    break;
                case QueryBatchMessage batch:
                    writer.WriteNumber("step", batch.Step);
                    WriteMatrix(writer, "query_batch.x", "x", batch.X);
                    break;
                case SyncMessage sync:
                    writer.WriteNumber("step", sync.Step);
                    if (sync.Workers is { } workers)
                    {
                        writer.WriteStartArray("workers");
                        foreach (var worker in workers) writer.WriteNumberValue(worker);
                        writer.WriteEndArray();
                    }
                    break;
                case ResultMessage result:
                    writer.WriteString("run_id", result.RunId);
                    WriteVector(writer, "result.x", "x", result.X);
                    if (result.Rounds is { } rounds) writer.WriteNumber("rounds", rounds);
                    break;
                case LogMessage log:
                    writer.WriteString("message", log.Message);
                    break;
                case ImplementationErrorMessage error:
                    writer.WriteString("message", error.Message);
                    break;
                case UnknownImplementationMessage:
                    break;
                default:
                    throw new ArgumentException($"Unknown implementation message {message.GetType().Name}.", nameof(message));
            }
        });
    }

    /// <summary>
    /// Decodes one line written by an implementation. A well-formed object of unknown type decodes to
    /// <see cref="UnknownImplementationMessage"/> (the session's table names the violation).
    /// </summary>
    /// <param name="line">The line, without its newline.</param>
    /// <param name="lineNumber">1-based line number for error messages (0 if unknown).</param>
    /// <exception cref="ProtocolException"><see cref="MalformedMessage"/>, <see cref="InvalidField"/> or <see cref="NonFiniteValue"/>.</exception>
    public static ImplementationMessage DecodeImplementationMessage(string line, long lineNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(line);
        using var document = Parse(line, lineNumber);
        var (type, reader) = Open(document.RootElement, line, lineNumber);
        return type switch
        {
            "hello" => new ImplementationHello(
                reader.RequiredString("protocol_version"),
                reader.RequiredString("implementation"),
                reader.OptionalString("version", ""),
                reader.StringList("supports", [ProtocolConstants.OracleMode]),
                reader.OptionalBool("batch_gradients", false)),
            "query" => new QueryMessage(reader.RequiredInt("step"), reader.RequiredInt("worker"), reader.RequiredVector("x")),
            "query_batch" => new QueryBatchMessage(reader.RequiredInt("step"), reader.RequiredMatrix("x")),
            "sync" => new SyncMessage(reader.RequiredInt("step"), reader.OptionalIntArray("workers")),
            "result" => new ResultMessage(reader.RequiredString("run_id"), reader.RequiredVector("x"), reader.OptionalInt("rounds")),
            "log" => new LogMessage(reader.RequiredString("message")),
            "error" => new ImplementationErrorMessage(reader.RequiredString("message")),
            _ => new UnknownImplementationMessage(type, MessageText.Excerpt(line)),
        };
    }

    /// <summary>Decodes one line written by the harness (used by in-process implementations and test fixtures).</summary>
    /// <exception cref="ProtocolException"><see cref="MalformedMessage"/>, <see cref="InvalidField"/>, <see cref="NonFiniteValue"/> or <see cref="UnknownMessage"/>.</exception>
    public static HarnessMessage DecodeHarnessMessage(string line, long lineNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(line);
        using var document = Parse(line, lineNumber);
        var (type, reader) = Open(document.RootElement, line, lineNumber);
        switch (type)
        {
            case "hello":
                return new HarnessHello(reader.RequiredString("protocol_version"), reader.RequiredString("harness_version"),
                    reader.StringList("modes", null));
            case "run":
                return new RunMessage(reader.RequiredString("run_id"), reader.RequiredInt("dimension"), reader.RequiredInt("workers"),
                    reader.RequiredInt("steps"), reader.RequiredVector("x0"), reader.RequiredVector("step_sizes"),
                    ReadSchedule(reader.Nested("schedule")), reader.RequiredString("output"));
            case "run_blackbox":
                var problem = reader.Nested("problem");
                return new BlackboxRunMessage(reader.RequiredString("run_id"),
                    new ProblemDescription(problem.RequiredString("family"), problem.ObjectField("parameters", required: false)),
                    reader.RequiredInt("dimension"), reader.RequiredInt("workers"), reader.RequiredInt("steps"),
                    reader.RequiredVector("x0"), reader.RequiredVector("step_sizes"), ReadSchedule(reader.Nested("schedule")),
                    reader.RequiredLong("seed"), reader.RequiredString("output"));
            case "gradient":
                return new GradientMessage(reader.RequiredInt("step"), reader.RequiredInt("worker"), reader.RequiredVector("g"));
            case "gradients":
                return new GradientsMessage(reader.RequiredInt("step"), reader.RequiredMatrix("g"));
            case "error":
                return new HarnessErrorMessage(reader.OptionalString("code", ""), reader.RequiredString("message"));
            case "shutdown":
                return new ShutdownMessage();
            default:
                throw new ProtocolException(new UnknownMessage(type, MessageText.Excerpt(line)));
        }
    }

    private static CommunicationSchedule ReadSchedule(JsonMessageReader schedule) =>
        new(schedule.RequiredString("kind"), schedule.ObjectField("parameters", required: false), schedule.RequiredIntArray("sync_steps"),
            schedule.OptionalIntArray("group_sizes"));

    private static JsonDocument Parse(string line, long lineNumber)
    {
        try
        {
            return JsonDocument.Parse(line, ReaderOptions);
        }
        catch (JsonException exception)
        {
            throw new ProtocolException(DiagnoseUnparsable(line, lineNumber, exception), exception);
        }
    }

    /// <summary>
    /// A line JSON rejects is usually either plain text (a print statement) or JSON with bare NaN/Infinity tokens
    /// (Python's json.dumps); the latter is reported as <see cref="NonFiniteValue"/> with the field and index.
    /// </summary>
    private static ProtocolError DiagnoseUnparsable(string line, long lineNumber, JsonException exception)
    {
        var rewrite = NonFiniteTokenScanner.Rewrite(line);
        if (rewrite is { } found)
        {
            try
            {
                using var document = JsonDocument.Parse(found.Rewritten, ReaderOptions);
                var type = document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty(ProtocolConstants.TypeField, out var typeElement)
                    && typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString()! : "message";
                if (FindPlaceholder(document.RootElement, type, out var field, out var index, out var tokenNumber))
                {
                    var token = found.Tokens[tokenNumber];
                    return index >= 0
                        ? new NonFiniteValue(field, index, $"the bare token {token} (JSON has no NaN or Infinity)")
                        : new InvalidField(field, token, "a finite number (JSON has no NaN or Infinity)");
                }
            }
            catch (JsonException)
            {
                // Still not JSON after the rewrite: fall through to the plain parse error.
            }
        }
        var reason = exception.Message;
        var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) reason = reason[..cut];
        var position = exception.BytePositionInLine is { } bytePosition
            ? " at byte " + bytePosition.ToString(CultureInfo.InvariantCulture)
            : "";
        return new MalformedMessage(lineNumber, MessageText.Excerpt(line), $"not valid JSON{position} ({reason.TrimEnd('.')}); every line on standard output must be one JSON object — print diagnostics to standard error");
    }

    private static bool FindPlaceholder(JsonElement element, string path, out string field, out int index, out int tokenNumber)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (IsPlaceholder(property.Value, out tokenNumber))
                    {
                        field = path + "." + property.Name;
                        index = -1;
                        return true;
                    }
                    if (FindPlaceholder(property.Value, path + "." + property.Name, out field, out index, out tokenNumber)) return true;
                }
                break;
            case JsonValueKind.Array:
                var position = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (IsPlaceholder(item, out tokenNumber))
                    {
                        field = path;
                        index = position;
                        return true;
                    }
                    if (FindPlaceholder(item, path + "[" + position.ToString(CultureInfo.InvariantCulture) + "]", out field, out index, out tokenNumber)) return true;
                    position++;
                }
                break;
        }
        field = path;
        index = -1;
        tokenNumber = -1;
        return false;
    }

    private static bool IsPlaceholder(JsonElement element, out int tokenNumber)
    {
        tokenNumber = -1;
        if (element.ValueKind != JsonValueKind.String) return false;
        var text = element.GetString()!;
        return text.StartsWith(NonFiniteTokenScanner.PlaceholderPrefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(NonFiniteTokenScanner.PlaceholderPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out tokenNumber);
    }

    private static (string Type, JsonMessageReader Reader) Open(JsonElement root, string line, long lineNumber)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new ProtocolException(new MalformedMessage(lineNumber, MessageText.Excerpt(line),
                $"expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}"));
        if (!root.TryGetProperty(ProtocolConstants.TypeField, out var typeElement))
            throw new ProtocolException(new MalformedMessage(lineNumber, MessageText.Excerpt(line), "the object has no \"type\" field"));
        if (typeElement.ValueKind != JsonValueKind.String)
            throw new ProtocolException(new MalformedMessage(lineNumber, MessageText.Excerpt(line),
                $"\"type\" must be a string, found {typeElement.GetRawText()}"));
        var type = typeElement.GetString()!;
        return (type, new JsonMessageReader(root, type, line, lineNumber));
    }

    private static string Write(string type, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString(ProtocolConstants.TypeField, type);
            body(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteRunBody(Utf8JsonWriter writer, string type, int dimension, int workers, int steps,
        double[] x0, double[] stepSizes, CommunicationSchedule schedule)
    {
        writer.WriteNumber("dimension", dimension);
        writer.WriteNumber("workers", workers);
        writer.WriteNumber("steps", steps);
        WriteVector(writer, type + ".x0", "x0", x0);
        WriteVector(writer, type + ".step_sizes", "step_sizes", stepSizes);
        writer.WriteStartObject("schedule");
        writer.WriteString("kind", schedule.Kind);
        writer.WritePropertyName("parameters");
        schedule.Parameters.WriteTo(writer);
        writer.WriteStartArray("sync_steps");
        foreach (var step in schedule.SyncSteps) writer.WriteNumberValue(step);
        writer.WriteEndArray();
        if (schedule.GroupSizes is { } groupSizes)
        {
            writer.WriteStartArray("group_sizes");
            foreach (var size in groupSizes) writer.WriteNumberValue(size);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    private static void WriteVector(Utf8JsonWriter writer, string field, string name, double[] values)
    {
        writer.WriteStartArray(name);
        WriteValues(writer, field, values);
        writer.WriteEndArray();
    }

    private static void WriteMatrix(Utf8JsonWriter writer, string field, string name, double[][] rows)
    {
        writer.WriteStartArray(name);
        for (var row = 0; row < rows.Length; row++)
        {
            writer.WriteStartArray();
            WriteValues(writer, field + "[" + row.ToString(CultureInfo.InvariantCulture) + "]", rows[row]);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    private static void WriteValues(Utf8JsonWriter writer, string field, double[] values)
    {
        for (var index = 0; index < values.Length; index++)
        {
            var value = values[index];
            if (!double.IsFinite(value))
                throw new ProtocolException(new NonFiniteValue(field, index, value.ToString(CultureInfo.InvariantCulture)));
            WriteDouble(writer, value);
        }
    }

    /// <summary>
    /// Writes the shortest text that parses back to the same bits ("R"), and marks integral values with ".0" so that
    /// readers which type numbers by their spelling (Python's json, then numpy or torch) see floats: x0 = [0] would
    /// otherwise become an integer tensor that silently truncates every update.
    /// </summary>
    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        Span<byte> buffer = stackalloc byte[40];
        value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);
        if (buffer[..written].IndexOfAny((byte)'.', (byte)'E', (byte)'e') < 0)
        {
            buffer[written++] = (byte)'.';
            buffer[written++] = (byte)'0';
        }
        writer.WriteRawValue(buffer[..written], skipInputValidation: true);
    }
}
