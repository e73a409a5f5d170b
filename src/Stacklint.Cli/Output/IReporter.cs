using System.IO;
using Stacklint.Engine;

namespace Stacklint.Cli.Output;

/// <summary>Writes a scan's findings in one output format.</summary>
public interface IReporter
{
    void Write(ScanResult result, TextWriter writer);
}
