Console.WriteLine("example");
