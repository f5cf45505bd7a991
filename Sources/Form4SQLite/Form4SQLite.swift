import Form4
