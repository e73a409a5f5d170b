using System.IO;

namespace Stacklint.Cli.Output;

/// <summary>Writes a scan's findings in one output format.</summary>
public interface IReporter
{
    void Write(Report report, TextWriter writer);
}
