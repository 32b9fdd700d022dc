Console.WriteLine("ari");
