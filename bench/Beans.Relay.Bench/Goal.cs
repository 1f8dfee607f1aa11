namespace Beans.Relay.Bench;

/// <summary>A target a figure is compared against; <see cref="AtMost"/> tells which side passes.</summary>
internal sealed record Goal(string Key, string Label, double Target, bool AtMost, string Unit)
{
    public bool? IsMet(double? value) =>
        value is { } number && !double.IsNaN(number) ? (AtMost ? number <= Target : number >= Target) : null;

    public string Describe() => $"{(AtMost ? "≤" : "≥")} {Target:0.##}{Unit}";
}
