using Microsoft.Extensions.Options;

namespace RealtimeSales.Producer;

/// <summary>Cross-field rules that data annotations cannot express.</summary>
internal sealed class ProducerOptionsValidator : IValidateOptions<ProducerOptions>
{
    public ValidateOptionsResult Validate(string? name, ProducerOptions options) =>
        options.LateFraction + options.MalformedFraction > 1.0
            ? ValidateOptionsResult.Fail(
                $"Producer:LateFraction ({options.LateFraction}) plus Producer:MalformedFraction ({options.MalformedFraction}) must not exceed 1.")
            : ValidateOptionsResult.Success;
}
