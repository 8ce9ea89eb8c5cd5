using RealtimeSales.DevBroker;

if (!BrokerOptions.TryParse(args, out var options, out var error))
{
    await Console.Error.WriteLineAsync($"DevBroker: {error}{Environment.NewLine}{Environment.NewLine}{BrokerOptions.Usage}");
    return BrokerHost.ExitUsage;
}

if (options.ShowHelp)
{
    await Console.Out.WriteLineAsync(BrokerOptions.Usage);
    return BrokerHost.ExitStopped;
}

return await BrokerHost.RunAsync(options);
