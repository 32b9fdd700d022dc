using System.Globalization;

namespace Ari.Glm;

/// <summary>
/// Parses a linear expression of design column names into contrast weights, as nilearn's
/// expression_to_contrast_vector does: "age", "age - sex", "2*a - b", "(a + b) / 2", "-0.5*g1 + 0.5*g2".
/// Products and quotients need a number on one side; constant terms are rejected.
/// </summary>
internal sealed class ContrastExpression
{
    private readonly string _text;
    private readonly IReadOnlyList<string> _columns;
    private int _pos;

    private ContrastExpression(string text, IReadOnlyList<string> columns)
    {
        _text = text;
        _columns = columns;
    }

    /// <summary>Weights, one per column; <see cref="AriException"/> naming the problem otherwise.</summary>
    public static double[] Parse(string text, IReadOnlyList<string> columns)
    {
        var parser = new ContrastExpression(text, columns);
        var form = parser.Sum();
        parser.SkipSpaces();
        if (parser._pos < text.Length)
            throw parser.Error($"unexpected '{text[parser._pos]}' at position {parser._pos + 1}");
        if (form.Constant != 0)
            throw parser.Error("it has a constant term; a contrast combines design columns only (e.g. 'a - b', '2*a')");
        if (form.IsConstant)
            throw parser.Error("it names no design column");
        return form.Weights;
    }

    /// <summary>c + Σ w_j column_j.</summary>
    private readonly record struct Linear(double Constant, double[] Weights)
    {
        public bool IsConstant => Weights.All(w => w == 0);
        public Linear Scale(double f) => new(Constant * f, Weights.Select(w => w * f).ToArray());
        public static Linear operator +(Linear a, Linear b) => new(a.Constant + b.Constant, a.Weights.Zip(b.Weights, (x, y) => x + y).ToArray());
    }

    private Linear Sum()
    {
        var value = Product();
        while (true)
        {
            SkipSpaces();
            if (Accept('+')) value += Product();
            else if (Accept('-')) value += Product().Scale(-1);
            else return value;
        }
    }

    private Linear Product()
    {
        var value = Unary();
        while (true)
        {
            SkipSpaces();
            if (Accept('*'))
            {
                var right = Unary();
                if (value.IsConstant) value = right.Scale(value.Constant);
                else if (right.IsConstant) value = value.Scale(right.Constant);
                else throw Error("it multiplies two design columns; a contrast must be linear in the columns");
            }
            else if (Accept('/'))
            {
                var right = Unary();
                if (!right.IsConstant) throw Error("it divides by a design column; a contrast must be linear in the columns");
                if (right.Constant == 0) throw Error("it divides by zero");
                value = value.Scale(1 / right.Constant);
            }
            else return value;
        }
    }

    private Linear Unary()
    {
        SkipSpaces();
        if (Accept('-')) return Unary().Scale(-1);
        if (Accept('+')) return Unary();
        if (Accept('('))
        {
            var inner = Sum();
            SkipSpaces();
            if (!Accept(')')) throw Error(_pos < _text.Length ? $"expected ')' at position {_pos + 1}" : "a '(' is not closed");
            return inner;
        }
        if (_pos >= _text.Length) throw Error("it ends where a column name or number was expected");
        char c = _text[_pos];
        if (char.IsDigit(c) || c == '.') return Number();
        if (char.IsLetter(c) || c == '_') return Name();
        throw Error($"unexpected '{c}' at position {_pos + 1}");
    }

    private Linear Number()
    {
        int start = _pos;
        while (_pos < _text.Length && (char.IsDigit(_text[_pos]) || _text[_pos] == '.')) _pos++;
        if (_pos < _text.Length && (_text[_pos] is 'e' or 'E'))
        {
            int save = _pos++;
            if (_pos < _text.Length && (_text[_pos] is '+' or '-')) _pos++;
            if (_pos < _text.Length && char.IsDigit(_text[_pos]))
                while (_pos < _text.Length && char.IsDigit(_text[_pos])) _pos++;
            else _pos = save;
        }
        string token = _text[start.._pos];
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw Error($"'{token}' is not a number");
        return new Linear(value, new double[_columns.Count]);
    }

    private Linear Name()
    {
        int start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '.')) _pos++;
        string name = _text[start.._pos];
        int index = -1;
        for (int c = 0; c < _columns.Count; c++)
            if (string.Equals(_columns[c], name, StringComparison.Ordinal)) { index = c; break; }
        if (index < 0)
            throw new AriException($"contrast '{_text}': unknown design column '{name}' (the design's columns: {string.Join(", ", _columns)})");
        var weights = new double[_columns.Count];
        weights[index] = 1;
        return new Linear(0, weights);
    }

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private bool Accept(char c)
    {
        if (_pos < _text.Length && _text[_pos] == c) { _pos++; return true; }
        return false;
    }

    private AriException Error(string problem) => new($"contrast '{_text}': {problem}");
}
