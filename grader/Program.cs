using Katas.Grader.Commands;

return await GraderCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
