using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Stacklint.Formats.Fail2ban;
using Xunit;

namespace Stacklint.Tests.Fail2ban;

/// <summary>Values read as fail2ban 1.0.2 reads them: times (against <c>MyTime.str2seconds</c> itself), integers,
/// booleans, ignoreip words, ports.</summary>
public class Fail2banValueTests
{
    private const int GeneratedTimes = 600;

    [Theory]
    [InlineData("600", 600)]
    [InlineData("10m", 600)]
    [InlineData("1h", 3600)]
    [InlineData("1d2h", 93600)]
    [InlineData("1h 30m", 5400)]
    [InlineData("1 hour", 3600)]
    [InlineData("1w", 604800)]
    [InlineData("1mo", 2629800)]
    [InlineData("1y", 31557600)]
    [InlineData("-1", -1)]
    [InlineData("1.5h", 5400)]
    [InlineData("1M", 60)]
    [InlineData("2 days", 172800)]
    [InlineData("1h-30m", 1800)]
    [InlineData("10m # a note", 600)]
    [InlineData("1h\n30m", 5400)]
    [InlineData("1 day1", 86401)]
    [InlineData("1E+3m", 60000)]
    public void Times_read_as_str2seconds_reads_them(string text, double seconds)
    {
        Assert.True(Fail2banTime.TryParse(text, out var actual, out var error), error);
        Assert.Equal(seconds, actual);
    }

    [Theory]
    [InlineData("abc", "name 'abc' is not defined")]
    [InlineData("", "invalid syntax")]
    [InlineData("1e3", "invalid decimal literal")]
    [InlineData("010", "leading zeros")]
    [InlineData("1h\n192.168.1.10", "invalid syntax at '.1'")]
    [InlineData("1h\nabc", "line break")]
    [InlineData("10 minutes and more", "invalid syntax at 'and'")]
    [InlineData("1/0", "division by zero")]
    [InlineData("1,2", "tuple")]
    public void Unreadable_times_say_why(string text, string reason)
    {
        Assert.False(Fail2banTime.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    /// <summary>Random time strings of the kinds people write (and get wrong): numbers, every unit spelling fail2ban
    /// knows and some it does not, sums with and without blanks, signs, operators, comments, line breaks.</summary>
    public static List<string> GenerateTimes(int count, int seed)
    {
        var random = new Random(seed);
        string[] numbers = { "0", "1", "2", "5", "10", "30", "90", "600", "3600", "1.5", ".5", "2.", "1_000", "007", "00", "0x10", "1e2", "-1", "+3" };
        string[] units =
        {
            "s", "ss", "sec", "second", "seconds", "m", "mm", "min", "minute", "minutes", "h", "hh", "hou", "hour", "hours",
            "d", "dd", "da", "day", "days", "w", "ww", "we", "wee", "week", "weeks", "mo", "mon", "month", "months",
            "y", "yy", "ye", "yea", "year", "years", "M", "H", "D", "W", "Mo", "MIN", "Y", "S",
            "ms", "hrs", "mins", "sek", "x", "abc", "", "", "",
        };
        string[] joins = { "", " ", " ", "  ", "\t", "+", "-", "*", " + ", " - ", "\n", ",", "" };
        var result = new List<string>();
        for (var n = 0; n < count; n++)
        {
            var sb = new StringBuilder();
            var terms = random.Next(1, 4);
            for (var t = 0; t < terms; t++)
            {
                if (t > 0) sb.Append(joins[random.Next(joins.Length)]);
                var number = numbers[random.Next(numbers.Length)];
                var unit = units[random.Next(units.Length)];
                var space = random.Next(4) == 0 ? " " : "";
                sb.Append(number).Append(space).Append(unit);
            }
            var text = sb.ToString();
            switch (random.Next(12))
            {
                case 0: text = "(" + text + ")"; break;
                case 1: text += " # note"; break;
                case 2: text = "-" + text; break;
                case 3: text = units[random.Next(units.Length)] + text; break;
            }
            result.Add(text);
        }
        return result;
    }

    [Fact]
    public void Generated_times_read_exactly_as_fail2ban_reads_them()
    {
        var texts = GenerateTimes(GeneratedTimes, seed: 20261123)
            .Concat(new[] { "1 2 3", "(1\n+2)", "1\\\n+2", "True", "1j", "2**3", "7//2", "-7%3", "1mon", "5 ss", "1m1s1h", "\n1", "1\n\n", "1__0", "1_", "0b101", "0o17", "1..2" })
            .ToList();
        var python = Fail2banOracle.Str2Seconds(texts);
        var disagreements = new List<string>();
        var readable = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var ours = Fail2banTime.TryParse(texts[i], out var seconds, out var error);
            var theirs = python[i];
            if (theirs.Ok) readable++;
            if (ours != theirs.Ok)
                disagreements.Add($"{Show(texts[i])}: fail2ban {(theirs.Ok ? theirs.Text : "error " + theirs.Text)}, stacklint {(ours ? seconds.ToString(CultureInfo.InvariantCulture) : "error " + error)}");
            else if (ours && !Close(seconds, theirs.Value))
                disagreements.Add($"{Show(texts[i])}: fail2ban {theirs.Text}, stacklint {seconds.ToString(CultureInfo.InvariantCulture)} ({Fail2banTime.Rewrite(texts[i])})");
        }
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {texts.Count} disagree:\n" + string.Join("\n", disagreements.Take(30)));
        // The generator must exercise both sides.
        Assert.InRange(readable, texts.Count / 4, texts.Count * 3 / 4);
    }

    [Fact]
    public void The_batch_reads_times_as_fail2ban_client_str2sec_does()
    {
        var texts = new[] { "1d2h", "1mo", "1.5h", "abc", "10m # note", "-1" };
        var batch = Fail2banOracle.Str2Seconds(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            var (exitCode, output) = Fail2banOracle.Str2SecCommand(texts[i]);
            if (batch[i].Ok) Assert.Equal((0, batch[i].Text), (exitCode, output));
            else Assert.NotEqual(0, exitCode);
        }
    }

    private static bool Close(double a, double b) =>
        a == b || (double.IsInfinity(a) && double.IsInfinity(b) && Math.Sign(a) == Math.Sign(b)) || Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b));

    private static string Show(string text) => "'" + text.Replace("\n", "\\n").Replace("\t", "\\t") + "'";

    [Theory]
    [InlineData("3", 3L)]
    [InlineData(" 5 ", 5L)]
    [InlineData("+7", 7L)]
    [InlineData("-1", -1L)]
    [InlineData("1_0", 10L)]
    public void Integers_read_as_python_int(string text, long expected)
    {
        Assert.True(Fail2banValues.TryParseInteger(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("3.0")]
    [InlineData("")]
    [InlineData("1__0")]
    [InlineData("_1")]
    [InlineData("0x10")]
    [InlineData("5 # five")]
    public void Integers_python_int_rejects(string text) => Assert.False(Fail2banValues.TryParseInteger(text, out _));

    [Theory]
    [InlineData("true", true, true)]
    [InlineData("True", true, true)]
    [InlineData("YES", true, true)]
    [InlineData("on", true, true)]
    [InlineData("1", true, true)]
    [InlineData("false", false, true)]
    [InlineData("Off", false, true)]
    [InlineData("0", false, true)]
    [InlineData("no", false, true)]
    [InlineData("ture", false, false)]
    [InlineData("enable", false, false)]
    [InlineData("\"true\"", false, false)]
    public void Booleans_read_as_fail2ban_as_bool(string text, bool isTrue, bool isWord)
    {
        Assert.Equal(isTrue, Fail2banValues.IsTrue(text));
        Assert.Equal(isWord, Fail2banValues.IsBooleanWord(text));
    }

    [Fact]
    public void Ignoreip_is_split_at_spaces_commas_and_line_breaks()
    {
        var value = "127.0.0.1/8 ::1,10.0.0.0/8\nhost.example.com ,  192.168.1.1";
        var words = Fail2banValues.SplitWords(value);
        Assert.Equal(new[] { "127.0.0.1/8", "::1", "10.0.0.0/8", "host.example.com", "192.168.1.1" }, words.Select(w => w.Word));
        Assert.All(words, w => Assert.Equal(w.Word, value.Substring(w.Index, w.Word.Length)));
    }

    [Theory]
    [InlineData("127.0.0.1", Fail2banAddressKind.Address, 32)]
    [InlineData("::1", Fail2banAddressKind.Address, 128)]
    [InlineData("[2001:db8::1]", Fail2banAddressKind.Address, 128)]
    [InlineData("10.0.0.0/8", Fail2banAddressKind.Network, 8)]
    [InlineData("0.0.0.0/0", Fail2banAddressKind.Network, 0)]
    [InlineData("::/0", Fail2banAddressKind.Network, 0)]
    [InlineData("192.168.0.0/255.255.0.0", Fail2banAddressKind.Network, 16)]
    [InlineData("host.example.com", Fail2banAddressKind.HostName, null)]
    [InlineData("010.0.0.1", Fail2banAddressKind.HostName, null)]
    [InlineData("fe80::1%eth0", Fail2banAddressKind.HostName, null)]
    [InlineData("10.0.0.0/abc", Fail2banAddressKind.Invalid, null)]
    [InlineData("10.0.0.0/255.0.255.0", Fail2banAddressKind.Invalid, null)]
    public void Ignoreip_words_read_as_fail2bans_IPAddr(string text, Fail2banAddressKind kind, int? prefix)
    {
        var address = Fail2banAddress.Parse(text);
        Assert.Equal(kind, address.Kind);
        Assert.Equal(prefix, address.PrefixLength);
        Assert.Equal(text is "0.0.0.0/0" or "::/0", address.CoversEverything);
    }

    [Fact]
    public void Ports_resolve_names_numbers_and_ranges()
    {
        var items = Fail2banPorts.Parse("ssh,2222, http https\n8080:8090,imaps,:1024,nosuch");
        Assert.Equal(new[] { "ssh", "2222", "http", "https", "8080:8090", "imaps", ":1024", "nosuch" }, items.Select(i => i.Text));
        Assert.Equal(new int?[] { 22, 2222, 80, 443, 8080, 993, 0, null }, items.Select(i => i.From));
        Assert.Equal(new int?[] { 22, 2222, 80, 443, 8090, 993, 1024, null }, items.Select(i => i.To));
        Assert.True(items[4].Covers(8085));
        Assert.False(items[0].Covers(2222));
        Assert.Equal(0, Fail2banPorts.Parse("0:65535").Single().From);
    }
}
