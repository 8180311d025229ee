using LocalSgdVerify.Validation.InProcess;
using LocalSgdVerify.Validation.Process;
using LocalSgdVerify.Validation.Protocol;

namespace LocalSgdVerify.Validation.Running;

/// <summary>The implementation under validation: a command run as a child process, or a .NET implementation hosted in-process.</summary>
public abstract class ImplementationTarget
{
    /// <summary>What the target is, for messages (the command line or the .NET type).</summary>
    public abstract string Description { get; }

    /// <summary>Starts the implementation and connects a transport; a start failure is a <see cref="ProtocolException"/> with <see cref="ProcessStartFailed"/>.</summary>
    public abstract MessageTransport Open();

    /// <summary>A child process started from <paramref name="options"/>.</summary>
    public static ImplementationTarget Command(ProcessOptions options) => new CommandTarget(options ?? throw new ArgumentNullException(nameof(options)));

    /// <summary>A .NET implementation in this process.</summary>
    public static ImplementationTarget InProcess(ILocalSgdImplementation implementation, Action<string>? standardErrorLine = null) =>
        new InProcessTarget(implementation ?? throw new ArgumentNullException(nameof(implementation)), standardErrorLine);

    private sealed class CommandTarget(ProcessOptions options) : ImplementationTarget
    {
        public override string Description => options.CommandLine;

        public override MessageTransport Open()
        {
            try
            {
                return ImplementationProcess.Start(options);
            }
            catch (ArgumentException bad)
            {
                throw new ProtocolException(new ProcessStartFailed(options.CommandLine, bad.Message));
            }
        }
    }

    private sealed class InProcessTarget(ILocalSgdImplementation implementation, Action<string>? standardErrorLine) : ImplementationTarget
    {
        public override string Description => $"in-process {implementation.GetType().FullName}";

        public override MessageTransport Open() => InProcessImplementationHost.Start(implementation, standardErrorLine: standardErrorLine);
    }
}
