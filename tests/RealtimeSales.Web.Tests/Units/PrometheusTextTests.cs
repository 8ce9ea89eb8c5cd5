using RealtimeSales.Web.Pipeline;

namespace RealtimeSales.Web.Tests.Units;

public sealed class PrometheusTextTests
{
    [Fact]
    public void ReadsNamesLabelsAndValuesAndSkipsComments()
    {
        var samples = PrometheusText.Parse("""
            # TYPE sales_producer_events_acknowledged_total counter
            # HELP sales_producer_events_acknowledged_total Messages the broker acknowledged.
            sales_producer_events_acknowledged_total{otel_scope_name="RealtimeSales.Producer",kind="valid"} 386 1764000000000
            up 1

            """);

        Assert.Collection(samples,
            sample =>
            {
                Assert.Equal("sales_producer_events_acknowledged_total", sample.Name);
                Assert.Equal("valid", sample.Labels["kind"]);
                Assert.Equal("RealtimeSales.Producer", sample.Labels["otel_scope_name"]);
                Assert.Equal(386, sample.Value);
            },
            sample =>
            {
                Assert.Equal("up", sample.Name);
                Assert.Empty(sample.Labels);
                Assert.Equal(1, sample.Value);
            });
    }

    [Theory]
    [InlineData("m +Inf", double.PositiveInfinity)]
    [InlineData("m -Inf", double.NegativeInfinity)]
    [InlineData("m 1.5e3", 1500)]
    [InlineData("m{le=\"0.5\"} 0.25", 0.25)]
    public void ReadsSpecialAndScientificValues(string line, double expected) =>
        Assert.Equal(expected, Assert.Single(PrometheusText.Parse(line)).Value);

    [Fact]
    public void UnescapesLabelValues()
    {
        var sample = Assert.Single(PrometheusText.Parse("m{a=\"say \\\"hi\\\"\",b=\"back\\\\slash\",c=\"two\\nlines\"} 1"));

        Assert.Equal("say \"hi\"", sample.Labels["a"]);
        Assert.Equal("back\\slash", sample.Labels["b"]);
        Assert.Equal("two\nlines", sample.Labels["c"]);
    }

    [Theory]
    [InlineData("m{a=\"unterminated} 1")]
    [InlineData("m{a=1} 1")]
    [InlineData("m not-a-number")]
    [InlineData("{a=\"1\"} 1")]
    public void SkipsLinesItCannotRead(string line) =>
        Assert.Equal(["ok"], PrometheusText.Parse(line + "\nok 1").Select(sample => sample.Name));
}
