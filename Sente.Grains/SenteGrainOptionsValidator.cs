using Microsoft.Extensions.Options;

namespace Sente.Grains;

/// <summary>Validates <see cref="SenteGrainOptions"/> at start-up; messages name the bad option.</summary>
internal sealed class SenteGrainOptionsValidator : IValidateOptions<SenteGrainOptions>
{
    public ValidateOptionsResult Validate(string? name, SenteGrainOptions options)
    {
        var errors = new List<string>();
        if (options.RetentionCount < 1)
        {
            errors.Add($"{nameof(SenteGrainOptions)}.{nameof(SenteGrainOptions.RetentionCount)} must be >= 1.");
        }

        Positive(options.RetentionAge, nameof(SenteGrainOptions.RetentionAge));
        Positive(options.WebSocketGrace, nameof(SenteGrainOptions.WebSocketGrace));
        Positive(options.AjaxGrace, nameof(SenteGrainOptions.AjaxGrace));
        Positive(options.DeliveryTimeout, nameof(SenteGrainOptions.DeliveryTimeout));
        Positive(options.SweepInterval, nameof(SenteGrainOptions.SweepInterval));
        Positive(options.NodeLeaseCheckInterval, nameof(SenteGrainOptions.NodeLeaseCheckInterval));
        if (options.PresenceShards is < 1 or > 4096)
        {
            errors.Add($"{nameof(SenteGrainOptions)}.{nameof(SenteGrainOptions.PresenceShards)} must be in 1..4096.");
        }

        if (options.MaxDeliveryBatch < 1)
        {
            errors.Add($"{nameof(SenteGrainOptions)}.{nameof(SenteGrainOptions.MaxDeliveryBatch)} must be >= 1.");
        }

        if (options.RetentionAge <= options.WebSocketGrace || options.RetentionAge <= options.AjaxGrace)
        {
            errors.Add($"{nameof(SenteGrainOptions)}.{nameof(SenteGrainOptions.RetentionAge)} must exceed both reconnect graces.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void Positive(TimeSpan value, string option)
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{nameof(SenteGrainOptions)}.{option} must be positive.");
            }
        }
    }
}
