using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Stacklint.Formats.Fail2ban;

/// <summary>
/// Time values (<c>bantime</c>, <c>findtime</c>, <c>bantime.maxtime</c>, <c>bantime.rndtime</c>, <c>dbpurgeage</c>)
/// as fail2ban 1.0.2's <c>MyTime.str2seconds</c> reads them: it rewrites the text with regular expressions (a space
/// before a digit that follows a letter, <c>1d2h</c> → <c>1d 2h</c>; each unit word preceded by a digit or a space
/// becomes a multiplication, <c>2h</c> → <c>2*3600</c>, in the order days, weeks, months, years, seconds, minutes, hours;
/// digits separated by blanks are added, <c>1*3600 30*60</c> → <c>1*3600+30*60</c>) and hands the result to Python's
/// <c>eval</c>. So <c>1h 30m</c> is 5400, <c>1 hour</c> 3600, <c>1M</c> one minute (a month is <c>mo</c>), <c>-1</c>
/// permanent, <c>10m # note</c> 600 (the <c>#</c> starts a Python comment), <c>abc</c> a NameError.
/// </summary>
/// <remarks>The result of the rewrite is evaluated here as Python evaluates arithmetic: integer and float literals
/// (with <c>_</c> separators, <c>0x</c>/<c>0o</c>/<c>0b</c> prefixes, exponents), <c>+ - * / // % **</c>, unary
/// <c>+ - ~</c>, parentheses (inside which line breaks are blanks), <c>True</c>/<c>False</c>, comments and <c>\</c> line
/// continuations. Anything else (names, strings, tuples, comparisons, bitwise operators, conditional expressions, a
/// complex number) is reported as unreadable; of these Python would evaluate the few that give a number, but no
/// fail2ban configuration writes a time that way.</remarks>
public static class Fail2banTime
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    // Python's \s also covers the information separators U+001C–U+001F.
    private const string Space = @"[\s\x1c-\x1f]";

    private static readonly Regex Prepare = new(@"(?<=[a-z])(\d)", Options);
    private static readonly Regex Finish = new(@"(\d)" + Space + @"+(\d)", Options);

    private static Regex Unit(string alternatives) => new(@"(?<=[\d" + @"\s\x1c-\x1f" + @"])(" + alternatives + @")\b", Options);

    /// <summary>fail2ban's unit patterns and what they become, in its order.</summary>
    private static readonly (Regex Pattern, string Replacement)[] Units =
    {
        (Unit("days?|da|dd?"), "*86400"),
        (Unit("weeks?|wee?|ww?"), "*604800"),
        (Unit("months?|mon?"), "*2629800.0"),
        (Unit("years?|yea?|yy?"), "*31557600.0"),
        (Unit("seconds?|sec?|ss?"), "*1"),
        (Unit("minutes?|min?|mm?"), "*60"),
        (Unit("hours?|hou?|hh?"), "*3600"),
    };

    /// <summary>The Python expression fail2ban evaluates for <paramref name="text"/>.</summary>
    public static string Rewrite(string text)
    {
        var expression = Prepare.Replace(text, " $1");
        foreach (var (pattern, replacement) in Units) expression = pattern.Replace(expression, replacement);
        return Finish.Replace(expression, "$1+$2");
    }

    /// <summary>The number of seconds fail2ban computes for <paramref name="text"/> (negative: permanent), or false with
    /// what Python would say.</summary>
    public static bool TryParse(string text, out double seconds, out string error)
    {
        seconds = 0;
        var expression = Rewrite(text);
        var result = PythonArithmetic.Evaluate(expression);
        if (result.Error is { } message)
        {
            error = message;
            return false;
        }
        seconds = result.Value;
        error = "";
        return true;
    }

    /// <summary>The seconds, or null when fail2ban cannot read <paramref name="text"/>.</summary>
    public static double? Seconds(string text) => TryParse(text, out var seconds, out _) ? seconds : null;
}

/// <summary>A Python number: an integer (unbounded) or a float.</summary>
internal readonly struct PythonNumber
{
    private PythonNumber(bool isInteger, BigInteger integer, double real)
    {
        IsInteger = isInteger;
        Integer = integer;
        Real = real;
    }

    public bool IsInteger { get; }
    public BigInteger Integer { get; }
    public double Real { get; }
    public double AsDouble => IsInteger ? (double)Integer : Real;

    public static PythonNumber Of(BigInteger value) => new(true, value, 0);
    public static PythonNumber Of(double value) => new(false, BigInteger.Zero, value);
}

/// <summary>Python's <c>eval</c> restricted to arithmetic on number literals (see <see cref="Fail2banTime"/>).</summary>
internal static class PythonArithmetic
{
    public readonly struct Outcome
    {
        public Outcome(double value, string? error)
        {
            Value = value;
            Error = error;
        }

        public double Value { get; }
        public string? Error { get; }
    }

    private enum TokenKind { Number, Name, Operator, Open, Close, Newline, End, Other }

    private readonly struct Token
    {
        public Token(TokenKind kind, string text, PythonNumber number = default)
        {
            Kind = kind;
            Text = text;
            Number = number;
        }

        public TokenKind Kind { get; }
        public string Text { get; }
        public PythonNumber Number { get; }
    }

    private sealed class SyntaxProblem : Exception
    {
        public SyntaxProblem(string message) : base(message) { }
    }

    public static Outcome Evaluate(string source)
    {
        try
        {
            var tokens = Tokenize(source);
            var parser = new Parser(tokens);
            var value = parser.Expression();
            parser.ExpectEnd();
            return new Outcome(value.AsDouble, null);
        }
        catch (SyntaxProblem problem)
        {
            return new Outcome(0, problem.Message);
        }
    }

    private static bool IsIdentifierStart(char c) => c == '_' || char.IsLetter(c);
    private static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c);

    private static List<Token> Tokenize(string source)
    {
        var tokens = new List<Token>();
        var depth = 0;
        var i = 0;
        // eval() strips leading blanks and tabs.
        while (i < source.Length && source[i] is ' ' or '\t') i++;
        while (i < source.Length)
        {
            var c = source[i];
            if (c is ' ' or '\t' or '\f') { i++; continue; }
            if (c == '#')
            {
                while (i < source.Length && source[i] is not '\n' and not '\r') i++;
                continue;
            }
            if (c == '\\' && i + 1 < source.Length && source[i + 1] is '\n' or '\r')
            {
                i += source[i + 1] == '\r' && i + 2 < source.Length && source[i + 2] == '\n' ? 3 : 2;
                continue;
            }
            if (c is '\n' or '\r')
            {
                // Inside brackets a line break is a blank; outside it ends the (single) line eval accepts.
                if (depth == 0 && tokens.Count > 0 && tokens[tokens.Count - 1].Kind != TokenKind.Newline) tokens.Add(new Token(TokenKind.Newline, "\\n"));
                i++;
                continue;
            }
            if (char.IsDigit(c) && c <= '9' || (c == '.' && i + 1 < source.Length && source[i + 1] is >= '0' and <= '9'))
            {
                var start = i;
                var number = ReadNumber(source, ref i);
                tokens.Add(new Token(TokenKind.Number, source.Substring(start, i - start), number));
                continue;
            }
            if (IsIdentifierStart(c))
            {
                var nameStart = i;
                while (i < source.Length && IsIdentifierPart(source[i])) i++;
                tokens.Add(new Token(TokenKind.Name, source.Substring(nameStart, i - nameStart)));
                continue;
            }
            if (c == '(') { depth++; tokens.Add(new Token(TokenKind.Open, "(")); i++; continue; }
            if (c == ')') { depth = Math.Max(0, depth - 1); tokens.Add(new Token(TokenKind.Close, ")")); i++; continue; }
            if (c is '*' or '/')
            {
                var doubled = i + 1 < source.Length && source[i + 1] == c;
                tokens.Add(new Token(TokenKind.Operator, doubled ? new string(c, 2) : c.ToString()));
                i += doubled ? 2 : 1;
                continue;
            }
            if (c is '+' or '-' or '%' or '~') { tokens.Add(new Token(TokenKind.Operator, c.ToString())); i++; continue; }
            tokens.Add(new Token(TokenKind.Other, c.ToString()));
            i++;
        }
        while (tokens.Count > 0 && tokens[tokens.Count - 1].Kind == TokenKind.Newline) tokens.RemoveAt(tokens.Count - 1);
        tokens.Add(new Token(TokenKind.End, ""));
        return tokens;
    }

    /// <summary>A Python number literal (3.11's tokenizer): decimal with single <c>_</c> between digits and no leading
    /// zeros, hexadecimal/octal/binary, floats with a fraction or an exponent; a letter or digit right after it is
    /// an "invalid decimal literal", a <c>j</c> makes a complex number.</summary>
    private static PythonNumber ReadNumber(string s, ref int i)
    {
        bool IsDigitIn(char ch, int radix) => radix switch
        {
            16 => ch is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F',
            8 => ch is >= '0' and <= '7',
            2 => ch is '0' or '1',
            _ => ch is >= '0' and <= '9',
        };
        string Digits(ref int at, int radix, bool allowLeadingUnderscore)
        {
            var digits = new System.Text.StringBuilder();
            if (allowLeadingUnderscore && at < s.Length && s[at] == '_' && at + 1 < s.Length && IsDigitIn(s[at + 1], radix)) at++;
            while (at < s.Length)
            {
                if (IsDigitIn(s[at], radix)) { digits.Append(s[at]); at++; continue; }
                if (s[at] == '_' && digits.Length > 0 && at + 1 < s.Length && IsDigitIn(s[at + 1], radix)) { at++; continue; }
                break;
            }
            return digits.ToString();
        }
        void EndOfLiteral(ref int at, string kind)
        {
            if (at < s.Length && (IsIdentifierPart(s[at]) || s[at] == '_'))
                throw new SyntaxProblem($"invalid {kind} literal");
        }

        if (s[i] == '0' && i + 1 < s.Length && s[i + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            var radix = s[i + 1] is 'x' or 'X' ? 16 : s[i + 1] is 'o' or 'O' ? 8 : 2;
            var kind = radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary";
            i += 2;
            var digits = Digits(ref i, radix, allowLeadingUnderscore: true);
            if (digits.Length == 0) throw new SyntaxProblem($"invalid {kind} literal");
            EndOfLiteral(ref i, kind);
            var value = BigInteger.Zero;
            foreach (var d in digits) value = value * radix + Convert.ToInt32(d.ToString(), 16);
            return PythonNumber.Of(value);
        }

        var integerPart = s[i] == '.' ? "" : Digits(ref i, 10, allowLeadingUnderscore: false);
        var isFloat = false;
        var fraction = "";
        if (i < s.Length && s[i] == '.')
        {
            isFloat = true;
            i++;
            if (i < s.Length && s[i] is >= '0' and <= '9') fraction = Digits(ref i, 10, allowLeadingUnderscore: false);
            else if (i < s.Length && s[i] == '_') throw new SyntaxProblem("invalid decimal literal");
        }
        var exponent = "";
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            var at = i + 1;
            var sign = "";
            if (at < s.Length && s[at] is '+' or '-') sign = s[at++].ToString();
            if (at < s.Length && s[at] is >= '0' and <= '9')
            {
                exponent = sign + Digits(ref at, 10, allowLeadingUnderscore: false);
                i = at;
                isFloat = true;
            }
            else throw new SyntaxProblem("invalid decimal literal");
        }
        if (i < s.Length && s[i] is 'j' or 'J') throw new SyntaxProblem("a complex number is not a time");
        EndOfLiteral(ref i, "decimal");

        if (!isFloat)
        {
            if (integerPart.Length > 1 && integerPart[0] == '0' && integerPart.TrimStart('0').Length > 0)
                throw new SyntaxProblem("leading zeros in decimal integer literals are not permitted");
            return PythonNumber.Of(BigInteger.Parse(integerPart, CultureInfo.InvariantCulture));
        }
        var text = (integerPart.Length == 0 ? "0" : integerPart) + "." + (fraction.Length == 0 ? "0" : fraction) + (exponent.Length > 0 ? "e" + exponent : "");
        return PythonNumber.Of(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private sealed class Parser
    {
        private readonly List<Token> _tokens;
        private int _at;

        public Parser(List<Token> tokens) => _tokens = tokens;

        private Token Current => _tokens[_at];

        private bool IsOperator(string op) => Current.Kind == TokenKind.Operator && Current.Text == op;

        public void ExpectEnd()
        {
            if (Current.Kind != TokenKind.End) throw Unexpected();
        }

        private SyntaxProblem Unexpected() => Current.Kind switch
        {
            TokenKind.End => new SyntaxProblem("invalid syntax (the expression ends too early)"),
            TokenKind.Newline => new SyntaxProblem("invalid syntax (a line break inside the value)"),
            TokenKind.Other when Current.Text == "," => new SyntaxProblem("a tuple is not a time"),
            _ => new SyntaxProblem($"invalid syntax at '{Current.Text}'"),
        };

        // expression := term (('+'|'-') term)*
        public PythonNumber Expression()
        {
            var left = Term();
            while (IsOperator("+") || IsOperator("-"))
            {
                var op = Current.Text;
                _at++;
                var right = Term();
                left = op == "+" ? Add(left, right, 1) : Add(left, right, -1);
            }
            return left;
        }

        // term := factor (('*'|'/'|'//'|'%') factor)*
        private PythonNumber Term()
        {
            var left = Factor();
            while (IsOperator("*") || IsOperator("/") || IsOperator("//") || IsOperator("%"))
            {
                var op = Current.Text;
                _at++;
                var right = Factor();
                left = op switch
                {
                    "*" => Multiply(left, right),
                    "/" => Divide(left, right),
                    "//" => FloorDivide(left, right),
                    _ => Modulo(left, right),
                };
            }
            return left;
        }

        // factor := ('+'|'-'|'~') factor | power
        private PythonNumber Factor()
        {
            if (IsOperator("+")) { _at++; return Factor(); }
            if (IsOperator("-"))
            {
                _at++;
                var value = Factor();
                return value.IsInteger ? PythonNumber.Of(-value.Integer) : PythonNumber.Of(-value.Real);
            }
            if (IsOperator("~"))
            {
                _at++;
                var value = Factor();
                if (!value.IsInteger) throw new SyntaxProblem("bad operand type for unary ~: 'float'");
                return PythonNumber.Of(-value.Integer - 1);
            }
            return Power();
        }

        // power := atom ['**' factor]
        private PythonNumber Power()
        {
            var left = Atom();
            if (!IsOperator("**")) return left;
            _at++;
            return Pow(left, Factor());
        }

        private PythonNumber Atom()
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Number:
                    _at++;
                    return token.Number;
                case TokenKind.Name:
                    _at++;
                    return token.Text switch
                    {
                        "True" => PythonNumber.Of(BigInteger.One),
                        "False" => PythonNumber.Of(BigInteger.Zero),
                        _ => throw new SyntaxProblem($"name '{token.Text}' is not defined"),
                    };
                case TokenKind.Open:
                    _at++;
                    if (Current.Kind == TokenKind.Close) throw new SyntaxProblem("a tuple is not a time");
                    var inner = Expression();
                    if (Current.Kind != TokenKind.Close) throw Unexpected();
                    _at++;
                    return inner;
                default:
                    throw Unexpected();
            }
        }

        private static PythonNumber Add(PythonNumber a, PythonNumber b, int sign) =>
            a.IsInteger && b.IsInteger ? PythonNumber.Of(a.Integer + sign * b.Integer) : PythonNumber.Of(a.AsDouble + sign * b.AsDouble);

        private static PythonNumber Multiply(PythonNumber a, PythonNumber b) =>
            a.IsInteger && b.IsInteger ? PythonNumber.Of(a.Integer * b.Integer) : PythonNumber.Of(a.AsDouble * b.AsDouble);

        private static PythonNumber Divide(PythonNumber a, PythonNumber b)
        {
            if (b.AsDouble == 0) throw new SyntaxProblem("division by zero");
            return PythonNumber.Of(a.AsDouble / b.AsDouble);
        }

        private static PythonNumber FloorDivide(PythonNumber a, PythonNumber b)
        {
            if (b.IsInteger ? b.Integer.IsZero : b.Real == 0) throw new SyntaxProblem("division by zero");
            if (a.IsInteger && b.IsInteger)
            {
                var quotient = BigInteger.DivRem(a.Integer, b.Integer, out var remainder);
                if (!remainder.IsZero && (remainder.Sign < 0) != (b.Integer.Sign < 0)) quotient -= 1;
                return PythonNumber.Of(quotient);
            }
            return PythonNumber.Of(Math.Floor(a.AsDouble / b.AsDouble));
        }

        private static PythonNumber Modulo(PythonNumber a, PythonNumber b)
        {
            if (b.IsInteger ? b.Integer.IsZero : b.Real == 0) throw new SyntaxProblem("division by zero");
            if (a.IsInteger && b.IsInteger)
            {
                var remainder = BigInteger.Remainder(a.Integer, b.Integer);
                if (!remainder.IsZero && (remainder.Sign < 0) != (b.Integer.Sign < 0)) remainder += b.Integer;
                return PythonNumber.Of(remainder);
            }
            var x = a.AsDouble;
            var y = b.AsDouble;
            var mod = x % y;
            if (mod != 0 && (mod < 0) != (y < 0)) mod += y;
            return PythonNumber.Of(mod);
        }

        private static PythonNumber Pow(PythonNumber a, PythonNumber b)
        {
            if (a.IsInteger && b.IsInteger && b.Integer.Sign >= 0)
            {
                // Python's integers have no limit; a result beyond a few thousand bits is infinite for our purposes.
                var bits = BigInteger.Abs(a.Integer) <= BigInteger.One ? 0 : b.Integer * (long)Math.Ceiling(BigInteger.Log(BigInteger.Abs(a.Integer), 2));
                if (bits > 4096) return PythonNumber.Of(a.Integer.Sign < 0 && !b.Integer.IsEven ? double.NegativeInfinity : double.PositiveInfinity);
                return PythonNumber.Of(BigInteger.Pow(a.Integer, (int)b.Integer));
            }
            var x = a.AsDouble;
            var y = b.AsDouble;
            if (x == 0 && y < 0) throw new SyntaxProblem("0.0 cannot be raised to a negative power");
            if (x < 0 && Math.Floor(y) != y) throw new SyntaxProblem("a negative number to a fractional power is complex, not a time");
            var result = Math.Pow(x, y);
            if (double.IsInfinity(result) && !double.IsInfinity(x) && !double.IsInfinity(y)) throw new SyntaxProblem("Numerical result out of range");
            return PythonNumber.Of(result);
        }
    }
}
